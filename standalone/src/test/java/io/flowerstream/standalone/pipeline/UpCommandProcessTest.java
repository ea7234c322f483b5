package io.flowerstream.standalone.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.embedded.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./flowerstream up} as a scripted user runs it, in its own JVM, on the synthetic set: it
 * trains, classifies every streamed picture, stops by itself, leaves no port open, and a second
 * start on the same data folder resumes with the model it already has.
 */
class UpCommandProcessTest {

    @TempDir
    Path data;

    @Test
    void runs_on_the_synthetic_set_stops_by_itself_and_resumes_on_a_second_start() throws Exception {
        int kafkaPort = FreePorts.next();
        int s3Port = FreePorts.next();
        int ingestPort = FreePorts.next();

        String first = runUp(kafkaPort, s3Port, ingestPort);
        assertThat(first)
                .contains("SYNTHETIC flower set")
                .contains("training the first model")
                .contains("published version 1 of flowers-cnn as champion")
                .containsPattern("(\\d+) streamed images classified \\(--exit-after -1\\): stopping")
                .doesNotContain("DUPLICATED");
        for (int port : List.of(kafkaPort, s3Port, ingestPort)) {
            assertThat(StandalonePipelineTest.isOpen(port))
                    .as("port " + port + " after the first run")
                    .isFalse();
        }

        String second = runUp(kafkaPort, s3Port, ingestPort);
        assertThat(second)
                .contains("resuming with champion v1")
                .doesNotContain("training the first model")
                .contains("streamed images classified (--exit-after -1): stopping");
        for (int port : List.of(kafkaPort, s3Port, ingestPort)) {
            assertThat(StandalonePipelineTest.isOpen(port))
                    .as("port " + port + " after the second run")
                    .isFalse();
        }
    }

    private String runUp(int kafkaPort, int s3Port, int ingestPort) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                UpCommand.class.getName(),
                "--data-dir",
                data.toString(),
                "--per-class",
                "10",
                "--epochs",
                "2",
                "--exit-after",
                "-1",
                "--rate",
                "20",
                "--feedback-delay-seconds",
                "1",
                "--device",
                "cpu",
                "--kafka-port",
                String.valueOf(kafkaPort),
                "--s3-port",
                String.valueOf(s3Port),
                "--ingest-port",
                String.valueOf(ingestPort),
                "--classifier-port",
                "0",
                "--trainer-port",
                "0"));
        Path log = Files.createTempFile(data.getParent(), "up", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = process.waitFor(4, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("up stopped by itself; output:\n" + output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
