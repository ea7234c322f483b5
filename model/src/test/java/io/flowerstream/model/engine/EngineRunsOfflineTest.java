package io.flowerstream.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.model.cli.ModelCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the engine in a child JVM that has no network at all, with an empty DJL cache and
 * without DJL_OFFLINE in its environment: the natives must come from the jar and the offline
 * switch must be set by our code, or the run fails.
 */
class EngineRunsOfflineTest {

    @TempDir
    Path cache;

    @Test
    void runs_a_forward_pass_with_no_network_and_an_empty_cache() throws Exception {
        boolean isolated = canIsolateNetwork();
        List<String> command = new ArrayList<>();
        if (isolated) {
            command.addAll(List.of("unshare", "-n"));
        } else {
            System.out.println("unshare -n is not available here: any download is sent to a dead proxy instead");
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Belt and braces where unshare is missing: every HTTP(S) request goes to a closed port.
                "-Dhttp.proxyHost=127.0.0.1",
                "-Dhttp.proxyPort=9",
                "-Dhttps.proxyHost=127.0.0.1",
                "-Dhttps.proxyPort=9",
                "-cp",
                System.getProperty("java.class.path"),
                ModelCommand.class.getName(),
                "summary",
                "--device",
                "cpu"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DJL_OFFLINE");
        builder.environment().put("DJL_CACHE_DIR", cache.toString());
        builder.environment().put("ENGINE_CACHE_DIR", cache.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("Model: \"flowers-cnn-bn\"")
                .contains("Total params: ")
                .contains("forward pass ok on cpu()")
                .contains("offline mode true");
        try (var files = Files.walk(cache)) {
            assertThat(files.anyMatch(p -> p.getFileName().toString().startsWith("libtorch_cpu")))
                    .as("natives unpacked from the jar into the empty cache")
                    .isTrue();
        }
    }

    private static boolean canIsolateNetwork() throws InterruptedException {
        try {
            return new ProcessBuilder("unshare", "-n", "true").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
