package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/collect-libs.sh, which fills each image's {@code lib/} from the module's
 * {@code target/classpath.txt}: run on a module laid out as the build leaves it, with a test jar
 * beside the main jar, it ships the main jar and the classpath and nothing of the tests.
 */
class CollectLibsScriptTest {

    private static final Path SCRIPT = RepoPaths.ROOT.resolve("docker/collect-libs.sh");

    @TempDir
    Path dir;

    @Test
    void the_image_lib_gets_the_module_jar_and_its_classpath_but_never_the_test_jar() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("m2"));
        Path kafka = touch(repo.resolve("kafka-clients-4.4.0.jar"));
        Path natives = touch(repo.resolve("pytorch-native-cpu-2.7.1-linux-x86_64.jar"));
        Path target = Files.createDirectories(dir.resolve("src/classifier/target"));
        touch(target.resolve("classifier-0.1.0.jar"));
        touch(target.resolve("classifier-0.1.0-tests.jar"));
        Files.writeString(target.resolve("classpath.txt"), kafka + ":" + natives);

        Result result = run(dir.resolve("src"), dir.resolve("out"), "classifier");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(names(dir.resolve("out/classifier/lib")))
                .containsExactlyInAnyOrder(
                        "classifier-0.1.0.jar", "kafka-clients-4.4.0.jar", "pytorch-native-cpu-2.7.1-linux-x86_64.jar");
        assertThat(names(dir.resolve("out/classifier/lib-cuda")))
                .containsExactlyInAnyOrder("classifier-0.1.0.jar", "kafka-clients-4.4.0.jar");
    }

    @Test
    void a_test_jar_on_the_runtime_classpath_fails_the_build_with_its_name() throws Exception {
        Path leaked = touch(Files.createDirectories(dir.resolve("m2")).resolve("model-0.1.0-tests.jar"));
        Path target = Files.createDirectories(dir.resolve("src/ingest/target"));
        touch(target.resolve("ingest-0.1.0.jar"));
        Files.writeString(target.resolve("classpath.txt"), leaked.toString());

        Result result = run(dir.resolve("src"), dir.resolve("out"), "ingest");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("model-0.1.0-tests.jar", "test-scoped");
    }

    private record Result(int exitCode, String output) {}

    private static Result run(Path workDir, Path out, String module) throws IOException, InterruptedException {
        assumeTrue(Programs.onPath("sh"), "sh is needed to run collect-libs.sh");
        Process process = new ProcessBuilder("sh", SCRIPT.toString(), out.toString(), module)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static Path touch(Path file) throws IOException {
        return Files.write(file, new byte[] {'P', 'K'});
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
