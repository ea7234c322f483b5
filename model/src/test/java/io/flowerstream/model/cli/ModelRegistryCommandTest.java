package io.flowerstream.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.events.ModelAnnouncement;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.embedded.FreePorts;
import io.flowerstream.model.registry.ModelMetadata;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.model.registry.PublishRequest;
import io.flowerstream.platform.s3.S3Settings;
import io.flowerstream.testsupport.TopicRecords;
import io.flowerstream.testsupport.junit.EmbeddedKafkaExtension;
import io.flowerstream.testsupport.junit.EmbeddedS3Extension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./flowerstream model list | show | promote | rollback} against an embedded S3 server and
 * an embedded broker: what operators run when an alert or the runbook says roll back.
 */
class ModelRegistryCommandTest {

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private String bucket;
    private ModelRegistry registry;

    @BeforeAll
    static void modelsTopic() {
        KAFKA.kafka().createTopic(Topics.MODELS, 1);
    }

    @BeforeEach
    void threeVersionsWithChampionAtTwo(TestInfo test) {
        bucket = test.getTestMethod().orElseThrow().getName().replace('_', '-');
        bucket = bucket.substring(0, Math.min(bucket.length(), 50)).replaceAll("-+$", "");
        registry = new ModelRegistry(settings().newClient(), bucket);
        registry.ensureBucket();
        for (double accuracy : new double[] {0.61, 0.68, 0.64}) {
            registry.publish(PublishRequest.of(metadata(accuracy), new byte[] {(byte) (accuracy * 100)}));
        }
        // As the trainer does: version 1 was promoted, then version 2 beat it.
        registry.setAlias(ModelRegistry.CHAMPION, 1);
        registry.setAlias(ModelRegistry.CHAMPION, 2);
    }

    @Test
    void list_shows_every_version_with_accuracy_created_promoted_and_the_champion() {
        Result r = run("list");

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> rows = r.out().lines().filter(l -> l.matches("^\\d+\\s.*")).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).contains("0.6100").doesNotContain("champion").matches(".*\\d{4}-\\d\\d-\\d\\dT.*Z.*");
        assertThat(rows.get(1)).contains("0.6800").endsWith("champion");
        assertThat(rows.get(2)).contains("0.6400").contains(" - ");
    }

    @Test
    void promote_moves_champion_and_announces_it_on_flowers_models() {
        Result r = run("promote", "3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("version 2 -> 3", "announced on " + Topics.MODELS);
        assertThat(registry.resolveAlias(ModelRegistry.CHAMPION)).contains(3);
        assertThat(announcements())
                .anyMatch(a -> a.version() == 3
                        && a.aliases().contains(ModelRegistry.CHAMPION)
                        && a.modelName().equals(ModelRegistry.DEFAULT_MODEL_NAME)
                        && Math.abs(a.validationAccuracy() - 0.64) < 1e-9);
    }

    @Test
    void rollback_returns_to_each_earlier_champion_in_turn_then_says_there_is_none() {
        assertThat(run("promote", "3").exitCode()).isZero();

        Result back = run("rollback");
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(back.out()).contains("version 3 -> 2");
        assertThat(registry.resolveAlias(ModelRegistry.CHAMPION)).contains(2);
        assertThat(announcements())
                .anyMatch(a -> a.version() == 2 && a.aliases().contains(ModelRegistry.CHAMPION));

        assertThat(run("rollback").out()).contains("version 2 -> 1");
        assertThat(registry.resolveAlias(ModelRegistry.CHAMPION)).contains(1);

        Result none = run("rollback");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err())
                .contains("has pointed only at version 1", "no earlier version", "model promote N")
                .doesNotContain("\tat ");
        assertThat(registry.resolveAlias(ModelRegistry.CHAMPION)).contains(1);
    }

    @Test
    void show_prints_one_versions_metadata_and_an_unknown_version_is_a_clear_error() {
        Result r = run("show", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "version 2",
                        "accuracy 0.6800",
                        "promotion gate   promoted",
                        "champion         yes",
                        "rose",
                        "precision 0.400");

        Result unknown = run("show", "99");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no published version 99", "published: [1, 2, 3]", "model list");
        assertThat(run("promote", "99").err()).contains("no published version 99");
        assertThat(registry.resolveAlias(ModelRegistry.CHAMPION)).contains(2);
    }

    @Test
    void rollback_without_a_champion_says_to_promote_one_first() {
        ModelRegistry other = new ModelRegistry(settings().newClient(), bucket, "no-champion");
        other.publish(PublishRequest.of(metadata(0.5), new byte[] {1}));

        Result r = run("rollback", "--model-name", "no-champion");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no alias 'champion'", "nothing to roll back", "model promote N");
    }

    @Test
    void an_unreachable_s3_is_a_clear_error_not_a_stack_trace() {
        Result r = run("list", "--s3-endpoint", "http://127.0.0.1:" + FreePorts.next());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .contains("model list:", "check the S3 endpoint, credentials")
                .doesNotContain("\tat ");
    }

    @Test
    void an_unreachable_broker_says_the_alias_moved_but_was_not_announced() {
        Result r = run(
                "promote", "3", "--bootstrap-servers", "127.0.0.1:" + FreePorts.next(), "--announce-timeout", "PT2S");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("the alias moved in the registry", "failed", "next registry poll");
        assertThat(registry.resolveAlias(ModelRegistry.CHAMPION)).contains(3);
    }

    @Test
    void every_subcommand_has_help() {
        for (String command : List.of("list", "show", "promote", "rollback")) {
            Result r = run(command, "--help");
            assertThat(r.exitCode()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: model " + command, "--s3-endpoint");
        }
        assertThat(run("--help").out()).contains("list", "show", "promote", "rollback", "summary");
    }

    private record Result(int exitCode, String out, String err) {}

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--help")) {
            all.addAll(List.of("--bucket", bucket));
            if (!all.contains("--s3-endpoint")) {
                all.addAll(List.of("--s3-endpoint", S3.s3().endpoint()));
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ModelCommand.commandLine(Map.of(
                "S3_ACCESS_KEY",
                S3.s3().accessKey(),
                "S3_SECRET_KEY",
                S3.s3().secretKey(),
                "KAFKA_BOOTSTRAP_SERVERS",
                KAFKA.bootstrapServers()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private S3Settings settings() {
        return new S3Settings(S3.s3().endpoint(), S3.s3().accessKey(), S3.s3().secretKey(), "unused");
    }

    private static ModelMetadata metadata(double accuracy) {
        return ModelMetadata.builder()
                .classes(List.of("daisy", "dandelion", "rose", "sunflower", "tulip"))
                .inputShape(List.of(3, 150, 150))
                .architecture("flowers-cnn-seed")
                .epoch(new ModelMetadata.Epoch(1, 1.2, 0.5, 1.1, accuracy, 0.001))
                .validation(new ModelMetadata.Validation(
                        accuracy, 1.1, Map.of("rose", new ModelMetadata.ClassMetrics(0.4, 0.6)), null))
                .datasetManifest(new ModelMetadata.DatasetManifest(100, "ab".repeat(32)))
                .device("cpu()")
                .trainingTimeSeconds(12)
                .promoted(true, "test")
                .build();
    }

    private static List<ModelAnnouncement> announcements() {
        return TopicRecords.all(KAFKA.bootstrapServers(), Topics.MODELS).stream()
                .map(record -> ModelAnnouncement.fromJson(record.value()))
                .toList();
    }
}
