package io.flowerstream.platform.topics;

import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.kafka.KafkaFlags;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flowerstream topics ...}: the Kafka topics flowerstream needs, for operators and for the
 * Helm chart's pre-install hook. Each flag has an environment variable of the same meaning.
 */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "The Kafka topics flowerstream needs.",
        subcommands = {TopicsCommand.Ensure.class})
public final class TopicsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** Creates the missing topics and fixes configs of existing ones; safe to run any number of times. */
    @Command(
            name = "ensure",
            mixinStandardHelpOptions = true,
            description = {
                "Create the topics that are missing and set the configs flowerstream needs on those that exist "
                        + "(max.message.bytes=" + Topics.MAX_MESSAGE_BYTES + " on the image and dead-letter topics, "
                        + "cleanup.policy=compact on the models topic). Idempotent: a second run changes nothing.",
                "Exits 0 when every topic is usable, 1 when one is refused (fewer partitions than asked for: the line "
                        + "says what to do), 2 on bad arguments or an unreachable broker."
            })
    static final class Ensure implements Callable<Integer> {

        @Mixin
        KafkaFlags kafkaFlags;

        @Option(
                names = "--partitions",
                defaultValue = "${env:TOPIC_PARTITIONS:-" + Topics.DEFAULT_PARTITIONS + "}",
                description = "partitions of the image, prediction and feedback topics: the most classifier replicas "
                        + "that can work at once (env TOPIC_PARTITIONS; default: ${DEFAULT-VALUE})")
        int partitions;

        @Option(
                names = "--replication-factor",
                defaultValue = "${env:TOPIC_REPLICATION_FACTOR:--1}",
                description = "replicas of each new topic; -1: the broker's default.replication.factor (env "
                        + "TOPIC_REPLICATION_FACTOR; default: ${DEFAULT-VALUE})")
        short replicationFactor;

        @Option(
                names = "--timeout-seconds",
                defaultValue = "${env:TOPIC_TIMEOUT_SECONDS:-60}",
                description =
                        "longest each broker call may take (env TOPIC_TIMEOUT_SECONDS; default: ${DEFAULT-VALUE})")
        long timeoutSeconds;

        @Mixin
        TopicFlags topicFlags;

        @Option(
                names = "--topic-predictions-canary",
                defaultValue = "${env:TOPIC_PREDICTIONS_CANARY}",
                description =
                        "a canary classifier's predictions topic, created like the predictions topic; none by default "
                                + "(env TOPIC_PREDICTIONS_CANARY)")
        String topicPredictionsCanary;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** Environment to read {@code KAFKA_*} from; tests replace it. */
        Map<String, String> env = System.getenv();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (partitions < 1) {
                err.println("topics ensure: --partitions must be at least 1, not " + partitions);
                return 2;
            }
            KafkaClientConfig kafka = kafkaFlags.config(env);
            TopicPlan plan = new TopicPlan(
                    topicFlags.images(),
                    topicFlags.predictions(),
                    topicFlags.feedback(),
                    topicFlags.models(),
                    topicFlags.dlq(),
                    topicPredictionsCanary,
                    partitions);
            Optional<Short> replicas = replicationFactor < 1 ? Optional.empty() : Optional.of(replicationFactor);
            List<TopicOutcome> outcomes;
            Duration timeout = Duration.ofSeconds(timeoutSeconds);
            Properties props = kafka.toProperties();
            // Bound every call by the timeout, or an unreachable broker holds the hook for the default minute.
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            Admin admin = Admin.create(props);
            try {
                outcomes = new TopicEnsurer(admin, replicas, timeout).ensure(plan.specs());
            } catch (IllegalStateException e) {
                err.println("topics ensure on " + kafka.bootstrapServers() + ": " + e.getMessage());
                err.flush();
                return 2;
            } finally {
                admin.close(Duration.ofSeconds(5));
            }
            outcomes.forEach(out::println);
            out.flush();
            boolean refused = outcomes.stream().anyMatch(o -> o.action() == TopicOutcome.Action.REFUSED);
            if (refused) {
                err.println("topics ensure: some topics cannot be used as they are; see the lines above");
                err.flush();
            }
            return refused ? 1 : 0;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TopicsCommand()).execute(args));
    }
}
