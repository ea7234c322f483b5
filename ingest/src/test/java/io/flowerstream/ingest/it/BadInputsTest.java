package io.flowerstream.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.ingest.BadInputs;
import io.flowerstream.testsupport.junit.EmbeddedKafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The push CLI skips every kind of bad file with its path and reason, with either check, and
 * publishes the good one beside it. The command probes the broker and builds its own producer
 * from {@code --bootstrap-servers}, so it runs against an embedded broker; the same cases over
 * HTTP are in {@code BadInputsOverHttpTest}, with no broker.
 */
class BadInputsTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @BeforeAll
    static void imagesTopic() {
        KAFKA.kafka().createTopic(Topics.IMAGES, 3, Topics.configOf(Topics.IMAGES));
    }

    @ParameterizedTest(name = "{0} is skipped by the CLI as {2}, with either check")
    @MethodSource("io.flowerstream.ingest.BadInputs#cases")
    void the_cli_skips_each_bad_file_with_its_path_and_reason(
            String name, byte[] bytes, String reason, int status, @TempDir Path dir) throws Exception {
        Path bad = Files.write(dir.resolve(name), bytes);
        Files.write(dir.resolve("good.jpg"), BadInputs.GOOD);

        CliRun run =
                CliRun.of("push", dir.toString(), "--label", "rose", "--bootstrap-servers", KAFKA.bootstrapServers());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("skipped " + bad + ": " + reason)
                .contains("published 1 of 2 images; 1 skipped: 1 " + reason);
        CliRun guardsOnly = CliRun.of(
                "push",
                dir.toString(),
                "--label",
                "rose",
                "--strict",
                "--check",
                "guards",
                "--bootstrap-servers",
                KAFKA.bootstrapServers());
        assertThat(guardsOnly.out()).contains("skipped " + bad + ": " + reason);
        assertThat(guardsOnly.exitCode()).as("--strict fails the run on a skip").isEqualTo(1);
    }

    @Test
    void an_unknown_label_is_refused_by_the_cli_with_the_valid_labels(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("good.jpg"), BadInputs.GOOD);

        CliRun run =
                CliRun.of("push", dir.toString(), "--label", "orchid", "--bootstrap-servers", KAFKA.bootstrapServers());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("orchid").contains("daisy, dandelion, rose, sunflower, tulip");
    }
}
