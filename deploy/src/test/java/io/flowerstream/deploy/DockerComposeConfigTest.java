package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker-compose config -q} on docker-compose.yml: Debian's docker-compose (1.29) checks
 * the file against the Compose schema (unknown keys, wrong types, depends_on conditions) without a
 * Docker engine. Skipped, with the reason, where docker-compose is not installed (.ci/run installs it).
 */
class DockerComposeConfigTest {

    private static final Path COMPOSE = RepoPaths.ROOT.resolve("docker-compose.yml");

    // Per test, not @BeforeAll: an assumption there makes Surefire count the class as 0 tests, not 3 skipped.
    @BeforeEach
    void needsDockerCompose() {
        assumeTrue(
                Programs.onPath("docker-compose"),
                "docker-compose is not on the PATH: this test is skipped. Install it with apt-get install -y "
                        + "--no-install-recommends docker-compose (.ci/run does) to check docker-compose.yml");
    }

    @Test
    void the_compose_file_passes_docker_compose_config() throws Exception {
        Result result = compose(RepoPaths.ROOT, COMPOSE, "config", "-q");

        assertThat(result.exitCode)
                .as("docker-compose config -q:%n%s", result.output)
                .isZero();
    }

    @Test
    void both_trainer_profiles_resolve() throws Exception {
        for (String profile : new String[] {"cpu", "gpu"}) {
            Result result = compose(RepoPaths.ROOT, COMPOSE, "--profile", profile, "config", "-q");
            assertThat(result.exitCode)
                    .as("profile %s:%n%s", profile, result.output)
                    .isZero();
        }
    }

    /** Proves the check above can fail: the same file with a misspelled depends_on condition. */
    @Test
    void a_broken_compose_file_is_rejected(@TempDir Path dir) throws Exception {
        Files.copy(RepoPaths.ROOT.resolve(".env"), dir.resolve(".env"));
        String broken = Files.readString(COMPOSE).replace("condition: service_healthy", "condition: service_heathy");
        Path file = dir.resolve("docker-compose.yml");
        Files.writeString(file, broken);

        Result result = compose(dir, file, "config", "-q");

        assertThat(result.exitCode)
                .as("docker-compose config -q on a broken file:%n%s", result.output)
                .isNotZero();
    }

    private record Result(int exitCode, String output) {}

    private static Result compose(Path projectDir, Path file, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", file.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(projectDir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("docker-compose " + String.join(" ", args) + " took over 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
