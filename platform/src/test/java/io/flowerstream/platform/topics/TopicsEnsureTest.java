package io.flowerstream.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.testsupport.junit.EmbeddedKafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code topics ensure} against a real broker: creates, is idempotent, repairs configs, refuses too few partitions. */
class TopicsEnsureTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    /** Runs the command as the chart's hook does, with a prefix so that tests do not share topics. */
    private Run ensure(String prefix, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TopicsCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> args = new java.util.ArrayList<>(List.of(
                "ensure",
                "--bootstrap-servers",
                KAFKA.bootstrapServers(),
                "--topic-images",
                prefix + Topics.IMAGES,
                "--topic-predictions",
                prefix + Topics.PREDICTIONS,
                "--topic-feedback",
                prefix + Topics.FEEDBACK,
                "--topic-models",
                prefix + Topics.MODELS,
                "--topic-dlq",
                prefix + Topics.IMAGES_DLQ,
                "--timeout-seconds",
                "30"));
        args.addAll(List.of(extra));
        int code = cli.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {}

    @Test
    void creates_every_topic_with_its_partitions_and_the_ten_mebibyte_message_limit() throws Exception {
        Run run = ensure("a.", "--partitions", "4", "--topic-predictions-canary", "a.flowers.predictions.canary");

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out.lines()).hasSize(6).allMatch(line -> line.startsWith("created "));
        try (Admin admin = KAFKA.kafka().admin()) {
            Map<String, Integer> partitions = new java.util.TreeMap<>();
            admin.describeTopics(List.of(
                            "a.flowers.images",
                            "a.flowers.predictions",
                            "a.flowers.feedback",
                            "a.flowers.models",
                            "a.flowers.images.dlq",
                            "a.flowers.predictions.canary"))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((name, d) -> partitions.put(name, d.partitions().size()));
            assertThat(partitions)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "a.flowers.images",
                            4,
                            "a.flowers.predictions",
                            4,
                            "a.flowers.feedback",
                            4,
                            "a.flowers.models",
                            1,
                            "a.flowers.images.dlq",
                            1,
                            "a.flowers.predictions.canary",
                            4));
            assertThat(config(admin, "a.flowers.images")
                            .get("max.message.bytes")
                            .value())
                    .isEqualTo("10551296");
            assertThat(config(admin, "a.flowers.images.dlq")
                            .get("max.message.bytes")
                            .value())
                    .isEqualTo("10551296");
            assertThat(config(admin, "a.flowers.models").get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
    }

    @Test
    void a_second_run_changes_nothing() {
        assertThat(ensure("b.").code).isZero();

        Run again = ensure("b.");

        assertThat(again.code).as(again.err).isZero();
        assertThat(again.out.lines()).hasSize(5).allMatch(line -> line.startsWith("unchanged "));
    }

    @Test
    void raises_the_message_limit_of_an_images_topic_created_by_hand() throws Exception {
        KAFKA.kafka()
                .createTopic("c.flowers.images", Topics.DEFAULT_PARTITIONS, Map.of("max.message.bytes", "1048588"));

        Run run = ensure("c.");

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains("config updated c.flowers.images: set, max.message.bytes=10551296");
        try (Admin admin = KAFKA.kafka().admin()) {
            assertThat(config(admin, "c.flowers.images")
                            .get("max.message.bytes")
                            .value())
                    .isEqualTo("10551296");
        }
    }

    @Test
    void refuses_a_topic_with_fewer_partitions_than_asked_and_says_how_to_add_them() {
        KAFKA.kafka().createTopic("d.flowers.feedback", 2);

        Run run = ensure("d.", "--partitions", "6");

        assertThat(run.code).isEqualTo(1);
        assertThat(run.out)
                .contains("refused d.flowers.feedback: has 2 partitions, 6 wanted: add partitions with kafka-topics.sh "
                        + "--alter");
        assertThat(run.out.lines().filter(l -> l.startsWith("created "))).hasSize(4);
    }

    @Test
    void an_unreachable_broker_fails_with_the_address_and_what_to_check() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TopicsCommand());
        cli.setErr(new PrintWriter(err));

        int code = cli.execute("ensure", "--bootstrap-servers", "127.0.0.1:1", "--timeout-seconds", "2");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("127.0.0.1:1").contains("is the broker reachable at the bootstrap servers");
    }

    @Test
    void help_names_every_flag_with_its_environment_variable() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new TopicsCommand());
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("ensure", "--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "--partitions",
                        "TOPIC_PARTITIONS",
                        "--replication-factor",
                        "TOPIC_REPLICATION_FACTOR",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "max.message.bytes=10551296");
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(Set.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource);
    }
}
