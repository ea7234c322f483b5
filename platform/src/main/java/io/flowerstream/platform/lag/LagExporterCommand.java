package io.flowerstream.platform.lag;

import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.kafka.KafkaFlags;
import io.flowerstream.platform.ops.HttpFlags;
import io.flowerstream.platform.ops.ServiceMetrics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flowerstream lag-exporter}: consumer-group lag read from the broker, served for Prometheus
 * under kafka-exporter's metric names. It needs no consumer of the group to run, so the lag of the
 * classifier's group stays visible when every classifier is down. Each flag has an environment variable.
 */
@Command(
        name = "lag-exporter",
        mixinStandardHelpOptions = true,
        description = {
            "Serve consumer-group lag read from the broker on /metrics (kafka_consumergroup_lag, "
                    + "kafka_consumergroup_current_offset per consumergroup/topic/partition, "
                    + "kafka_topic_partition_current_offset per topic/partition), with /health/live and /health/ready "
                    + "(ready after the first successful poll). Runs until stopped.",
            "Serves on port " + LagExporterCommand.DEFAULT_HTTP_PORT
                    + " (kafka-exporter's) unless --http-port or HTTP_PORT says otherwise. Exits 2 on bad arguments or "
                    + "when the port cannot be opened."
        })
public final class LagExporterCommand implements Callable<Integer> {

    /** The classifier's consumer groups: the default application id and its variants (a canary's). */
    public static final String DEFAULT_GROUP_PATTERN = "flowers-classifier.*";

    public static final int DEFAULT_HTTP_PORT = 9308;

    @Mixin
    KafkaFlags kafkaFlags;

    @Option(
            names = "--group-pattern",
            defaultValue = "${env:LAG_GROUP_PATTERN:-" + DEFAULT_GROUP_PATTERN + "}",
            description = "regular expression the whole group id must match; only those groups are exported (env "
                    + "LAG_GROUP_PATTERN; default: ${DEFAULT-VALUE})")
    String groupPattern;

    @Option(
            names = "--topics",
            split = ",",
            defaultValue = "${env:LAG_TOPICS:-" + Topics.IMAGES + "}",
            description = "comma-separated topics to export; a topic that does not exist yet is skipped (env "
                    + "LAG_TOPICS; default: ${DEFAULT-VALUE})")
    List<String> topics;

    @Option(
            names = "--poll-seconds",
            defaultValue = "${env:LAG_POLL_SECONDS:-15}",
            description = "seconds between two reads of the broker (env LAG_POLL_SECONDS; default: ${DEFAULT-VALUE})")
    long pollSeconds;

    @Option(
            names = "--timeout-seconds",
            defaultValue = "${env:LAG_TIMEOUT_SECONDS:-10}",
            description = "longest each broker call may take (env LAG_TIMEOUT_SECONDS; default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Mixin
    HttpFlags http;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Environment to read {@code KAFKA_*} from; tests replace it. */
    Map<String, String> env = System.getenv();

    /** Counted down to stop a running exporter (the shutdown hook; tests). */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Pattern groups;
        try {
            groups = Pattern.compile(groupPattern);
        } catch (PatternSyntaxException e) {
            err.println("lag-exporter: --group-pattern '" + groupPattern + "' is not a regular expression: "
                    + e.getDescription());
            err.flush();
            return 2;
        }
        Set<String> watched = new LinkedHashSet<>();
        topics.stream().map(String::trim).filter(t -> !t.isEmpty()).forEach(watched::add);
        if (watched.isEmpty() || pollSeconds < 1 || timeoutSeconds < 1) {
            err.println("lag-exporter: give at least one topic (--topics), and --poll-seconds and --timeout-seconds "
                    + "of at least 1 (got topics " + topics + ", poll " + pollSeconds + ", timeout " + timeoutSeconds
                    + ")");
            err.flush();
            return 2;
        }
        KafkaClientConfig kafka = kafkaFlags.config(env);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        Properties props = kafka.toProperties();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "flowerstream-lag-exporter");
        try (Admin admin = Admin.create(props);
                LagExporter exporter = new LagExporter(
                        new GroupLagReader(admin, groups, watched, timeout),
                        ServiceMetrics.newRegistry("lag-exporter"))) {
            try {
                exporter.start(http.host(), http.port(DEFAULT_HTTP_PORT), Duration.ofSeconds(pollSeconds));
            } catch (java.io.UncheckedIOException e) {
                err.println("lag-exporter: " + e.getMessage());
                err.flush();
                return 2;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("lag-exporter: groups matching " + groups + " on " + watched + " from " + kafka + ", every "
                    + pollSeconds + " s, at " + exporter.address() + "/metrics");
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "lag-exporter-shutdown"));
            stop.await();
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LagExporterCommand()).execute(args));
    }
}
