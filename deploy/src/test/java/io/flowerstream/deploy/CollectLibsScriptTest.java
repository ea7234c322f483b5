package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker/collect-libs.sh copies every classpath entry into lib/, the last one too, and lib-cuda/ lacks the CPU natives. */
class CollectLibsScriptTest {

    @Test
    void copies_every_entry_of_a_classpath_that_ends_without_a_newline(@TempDir Path dir) throws Exception {
        Path jars = Files.createDirectories(dir.resolve("m2"));
        Path first = Files.writeString(jars.resolve("first-1.0.jar"), "x");
        Path natives = Files.writeString(jars.resolve("pytorch-native-cpu-2.7.1-linux-x86_64.jar"), "x");
        Path last = Files.writeString(jars.resolve("logback-core-1.5.21.jar"), "x");
        Path module = Files.createDirectories(dir.resolve("work/svc/target"));
        Files.writeString(module.resolve("svc-0.1.jar"), "x");
        // As maven-dependency-plugin writes it: entries joined by ':', no newline at the end.
        Files.writeString(module.resolve("classpath.txt"), first + ":" + natives + ":" + last);

        Process p = new ProcessBuilder("sh", RepoPaths.ROOT.resolve("docker/collect-libs.sh").toString(),
                dir.resolve("out").toString(), "svc").directory(dir.resolve("work").toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();

        assertThat(dir.resolve("out/svc/lib")).isDirectoryContaining(f -> f.endsWith("logback-core-1.5.21.jar"))
                .isDirectoryContaining(f -> f.endsWith("first-1.0.jar")).isDirectoryContaining(f -> f.endsWith("svc-0.1.jar"));
        try (var cuda = Files.list(dir.resolve("out/svc/lib-cuda"))) {
            assertThat(cuda.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("first-1.0.jar", "logback-core-1.5.21.jar", "svc-0.1.jar");
        }
    }
}
