package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code kcat} example that publishes ({@code -P}) in the docs, the scripts and the hints the
 * code prints raises librdkafka's message limit to the topic's: librdkafka refuses messages over
 * 1,000,000 bytes by default, so a phone photo published as the docs say would fail.
 */
class KcatExamplesTest {

    /** The image topics' {@code max.message.bytes}: 10 MiB of image and 64 KiB for key and headers. */
    private static final String LIMIT = "message.max.bytes=" + (10 * 1024 * 1024 + 64 * 1024);

    @Test
    void every_publishing_kcat_example_raises_the_message_limit_to_the_topics() throws IOException {
        List<String> publishing = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Path file : filesToRead()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                // A Java hint may continue on the next line: read the two together.
                String line = lines.get(i)
                        + (file.toString().endsWith(".java") && i + 1 < lines.size() ? lines.get(i + 1) : "");
                // A command (with -b), not prose that names the flag.
                if (lines.get(i).contains("kcat -b")
                        && line.matches(".*\\s-P\\b.*")
                        && !lines.get(i).contains("flowers.feedback")) {
                    String where = RepoPaths.ROOT.relativize(file) + ":" + (i + 1);
                    publishing.add(where);
                    if (!line.contains(LIMIT) && !line.contains("message.max.bytes=\" + Topics.MAX_MESSAGE_BYTES")) {
                        missing.add(where + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(publishing).as("publishing kcat examples found").hasSizeGreaterThanOrEqualTo(4);
        assertThat(missing).as("kcat -P without -X %s", LIMIT).isEmpty();
    }

    @Test
    void the_topic_limit_in_the_examples_is_the_one_the_code_sets() {
        String topics = DeployFiles.read(
                RepoPaths.ROOT.resolve("contracts/src/main/java/io/flowerstream/contracts/topics/Topics.java"));
        assertThat(topics).contains("MAX_MESSAGE_BYTES = 10 * 1024 * 1024 + 64 * 1024;");
    }

    private static List<Path> filesToRead() throws IOException {
        List<Path> files =
                new ArrayList<>(List.of(RepoPaths.ROOT.resolve("README.md"), RepoPaths.CHART.resolve("README.md")));
        for (String dir : List.of(
                "docs",
                "docker",
                "helm",
                "contracts/src/main",
                "platform/src/main",
                "embedded/src/main",
                "model/src/main",
                "ingest/src/main",
                "classifier/src/main",
                "trainer/src/main",
                "standalone/src/main",
                "reliability/src/main")) {
            Path root = RepoPaths.ROOT.resolve(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(f -> f.toString().matches(".*\\.(md|sh|java|yaml|yml|txt|tpl)$"))
                        .forEach(files::add);
            }
        }
        for (Path script : List.of(RepoPaths.ROOT.resolve("flowerstream"), RepoPaths.ROOT.resolve(".ci/run"))) {
            if (Files.isRegularFile(script)) {
                files.add(script);
            }
        }
        return files;
    }
}
