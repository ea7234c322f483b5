package io.flowerstream.classifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.metrics.ClassifierMetrics;
import io.flowerstream.classifier.topology.ClassifierTopology;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The flags the Helm chart's StatefulSet sets (as variables) reach Kafka Streams as static membership and
 * standbys, and the command's defaults are the configuration builder's.
 */
class ClassifierCommandStateTest {

    private static StreamsConfig streams(String... args) {
        ClassifierCommand command = new ClassifierCommand();
        new CommandLine(command).parseArgs(args);
        ClassifierConfig config = command.config(Map.of());
        return new StreamsConfig(ClassifierTopology.streamsConfig(config, 8, new ClassifierMetrics(() -> 0)));
    }

    @Test
    void a_group_instance_id_makes_each_stream_thread_a_static_member_of_its_own_name() {
        StreamsConfig streams = streams(
                "--group-instance-id",
                "fs-flowerstream-classifier-0",
                "--standby-replicas",
                "1",
                "--state-dir",
                "/var/lib/flowerstream/state");

        assertThat(streams.getMainConsumerConfigs("flowers-classifier", "c", 1))
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "fs-flowerstream-classifier-0-1");
        // Only the main consumer joins the group: the restore consumer must not carry the id.
        assertThat(streams.getRestoreConsumerConfigs("c")).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(streams.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(streams.getString(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/lib/flowerstream/state");
    }

    @Test
    void without_an_id_membership_stays_dynamic_with_no_standbys() {
        StreamsConfig streams = streams();

        assertThat(streams.getMainConsumerConfigs("flowers-classifier", "c", 1))
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(streams.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isZero();
    }

    @Test
    void with_no_flags_the_command_builds_the_same_configuration_as_the_builder_defaults() {
        ClassifierCommand command = new ClassifierCommand();
        new CommandLine(command).parseArgs("--bootstrap-servers", "broker:9092");

        ClassifierConfig fromFlags = command.config(Map.of());

        // field by field: the Kafka settings and the model spec have no value equality of their own
        assertThat(fromFlags)
                .usingRecursiveComparison()
                .isEqualTo(ClassifierConfig.builder(KafkaClientConfig.fromEnv(Map.of(), "broker:9092"), null)
                        .build());
    }

    @Test
    void help_names_the_variables_the_chart_sets() {
        String help = new CommandLine(new ClassifierCommand()).getUsageMessage();

        assertThat(help).contains("GROUP_INSTANCE_ID", "NUM_STANDBY_REPLICAS", "STATE_DIR");
    }
}
