package io.flowerstream.platform.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.testsupport.junit.EmbeddedKafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** The lag exporter against a real broker, read the way Prometheus reads it: over HTTP from /metrics. */
class LagExporterTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** {@code name{labels} value}, one line of the text format. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)} ([0-9.eE+-]+)$");

    @Test
    void exports_each_partitions_lag_of_a_group_behind_the_log_end_and_keeps_it_after_its_consumers_close()
            throws Exception {
        String topic = "lag-a.images";
        KAFKA.kafka().createTopic(topic, 3);
        produce(topic, Map.of(0, 10, 1, 5, 2, 0));
        KafkaConsumer<byte[], byte[]> member = consumer("flowers-classifier");
        member.subscribe(List.of(topic));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (member.assignment().size() < 3 && System.nanoTime() < deadline) {
            member.poll(Duration.ofMillis(200));
        }
        assertThat(member.assignment()).as("the consumer joined its group").hasSize(3);
        member.commitSync(Map.of(
                new TopicPartition(topic, 0),
                new OffsetAndMetadata(4),
                new TopicPartition(topic, 1),
                new OffsetAndMetadata(5),
                new TopicPartition(topic, 2),
                new OffsetAndMetadata(0)));

        try (Admin admin = KAFKA.kafka().admin();
                LagExporter exporter = start(admin, "flowers-classifier.*", Set.of(topic))) {
            // One poll registers the group's gauges and the topic's one by one: wait for the last of both kinds.
            Map<String, Double> withMember = await(
                    exporter,
                    s -> s.containsKey(lag("flowers-classifier", topic, 2))
                            && s.containsKey("kafka_topic_partition_current_offset{partition=1,topic=" + topic + "}"));
            assertThat(withMember)
                    .containsEntry(lag("flowers-classifier", topic, 0), 6.0)
                    .containsEntry(lag("flowers-classifier", topic, 1), 0.0)
                    .containsEntry(lag("flowers-classifier", topic, 2), 0.0)
                    .containsEntry(
                            "kafka_consumergroup_current_offset{consumergroup=flowers-classifier,partition=0,topic="
                                    + topic + "}",
                            4.0)
                    .containsEntry("kafka_topic_partition_current_offset{partition=0,topic=" + topic + "}", 10.0)
                    .containsEntry("kafka_topic_partition_current_offset{partition=1,topic=" + topic + "}", 5.0);

            // Every consumer of the group gone, and more images arrive: the broker still knows the group's
            // commits, so the lag grows on /metrics with nothing of the group running.
            member.close();
            produce(topic, Map.of(1, 3));
            Map<String, Double> afterClose =
                    await(exporter, s -> s.getOrDefault(lag("flowers-classifier", topic, 1), 0.0) == 3.0);
            assertThat(afterClose)
                    .containsEntry(lag("flowers-classifier", topic, 0), 6.0)
                    .containsEntry(lag("flowers-classifier", topic, 1), 3.0)
                    .containsEntry(lag("flowers-classifier", topic, 2), 0.0);
            assertThat(get(exporter.address() + "/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void exports_only_groups_matching_the_pattern_on_the_watched_topics_and_drops_a_deleted_group() throws Exception {
        String watched = "lag-b.images";
        String other = "lag-b.other";
        KAFKA.kafka().createTopic(watched, 1);
        KAFKA.kafka().createTopic(other, 1);
        produce(watched, Map.of(0, 4));
        produce(other, Map.of(0, 4));
        commit(
                "flowers-classifier-canary",
                Map.of(new TopicPartition(watched, 0), 1L, new TopicPartition(other, 0), 1L));
        commit("archiver-b", Map.of(new TopicPartition(watched, 0), 2L));

        try (Admin admin = KAFKA.kafka().admin();
                LagExporter exporter = start(admin, "flowers-classifier.*", Set.of(watched, "lag-b.not-created-yet"))) {
            Map<String, Double> samples =
                    await(exporter, s -> s.containsKey(lag("flowers-classifier-canary", watched, 0)));
            assertThat(samples).containsEntry(lag("flowers-classifier-canary", watched, 0), 3.0);
            assertThat(samples.keySet())
                    .filteredOn(k -> k.startsWith("kafka_"))
                    .noneMatch(k -> k.contains("archiver-b") || k.contains(other) || k.contains("not-created-yet"));

            admin.deleteConsumerGroups(List.of("flowers-classifier-canary"))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            Map<String, Double> afterDelete =
                    await(exporter, s -> !s.containsKey(lag("flowers-classifier-canary", watched, 0)));
            assertThat(afterDelete.keySet()).noneMatch(k -> k.contains("flowers-classifier-canary"));
            assertThat(afterDelete)
                    .containsEntry("kafka_topic_partition_current_offset{partition=0,topic=" + watched + "}", 4.0);
        }
    }

    @Test
    void a_broker_that_cannot_be_read_removes_the_lag_series_and_counts_the_failed_poll() throws Exception {
        String topic = "lag-c.images";
        KAFKA.kafka().createTopic(topic, 1);
        produce(topic, Map.of(0, 2));
        commit("flowers-classifier-c", Map.of(new TopicPartition(topic, 0), 1L));
        Admin admin = KAFKA.kafka().admin();
        try (LagExporter exporter = start(admin, "flowers-classifier-c", Set.of(topic))) {
            await(exporter, s -> s.containsKey(lag("flowers-classifier-c", topic, 0)));
            admin.close(Duration.ofSeconds(5)); // every later call of the reader fails, as with an unreachable broker
            Map<String, Double> after =
                    await(exporter, s -> s.getOrDefault("lag_exporter_polls_total{outcome=failed}", 0.0) >= 1);
            assertThat(after.keySet()).noneMatch(k -> k.startsWith("kafka_"));
        }
    }

    @Test
    void the_command_prints_its_help_and_refuses_a_bad_group_pattern() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new LagExporterCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "--group-pattern",
                        "LAG_GROUP_PATTERN",
                        "flowers-classifier.*",
                        "--topics",
                        "--http-port",
                        "9308",
                        "--poll-seconds",
                        "KAFKA_BOOTSTRAP_SERVERS");
        assertThat(cli.execute("--group-pattern", "flowers-(classifier", "--http-port", "0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--group-pattern 'flowers-(classifier' is not a regular expression");
    }

    private static LagExporter start(Admin admin, String groups, Set<String> topics) {
        GroupLagReader reader = new GroupLagReader(admin, Pattern.compile(groups), topics, Duration.ofSeconds(10));
        return new LagExporter(reader, ServiceMetrics.newRegistry("lag-exporter"))
                .start("127.0.0.1", 0, Duration.ofMillis(300));
    }

    private static String lag(String group, String topic, int partition) {
        return "kafka_consumergroup_lag{consumergroup=" + group + ",partition=" + partition + ",topic=" + topic + "}";
    }

    /** Scrapes /metrics until {@code done} holds (at most 30 s), and returns that scrape. */
    private static Map<String, Double> await(LagExporter exporter, Predicate<Map<String, Double>> done)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        Map<String, Double> samples;
        do {
            samples = scrape(exporter);
            if (done.test(samples)) {
                return samples;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("the exporter's /metrics never showed what was expected; last scrape: " + samples);
    }

    /** The samples as {@code name{label=value,...}} (labels sorted, service label left out) to value. */
    private static Map<String, Double> scrape(LagExporter exporter) throws Exception {
        HttpResponse<String> response = get(exporter.address() + "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new TreeMap<>();
        for (String line : response.body().lines().toList()) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            for (String pair : m.group(2).split(",")) {
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq);
                if (!name.equals("service")) {
                    labels.put(name, pair.substring(eq + 2, pair.length() - 1));
                }
            }
            StringBuilder key = new StringBuilder(m.group(1)).append('{');
            labels.forEach((k, v) -> key.append(key.charAt(key.length() - 1) == '{' ? "" : ",")
                    .append(k)
                    .append('=')
                    .append(v));
            samples.put(key.append('}').toString(), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void produce(String topic, Map<Integer, Integer> recordsPerPartition) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Map.Entry<Integer, Integer> e : recordsPerPartition.entrySet()) {
                for (int i = 0; i < e.getValue(); i++) {
                    producer.send(new ProducerRecord<>(topic, e.getKey(), null, new byte[] {1}))
                            .get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Commits offsets for {@code group} with no member left afterwards (assign, commit, close). */
    private static void commit(String group, Map<TopicPartition, Long> offsets) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
            consumer.assign(offsets.keySet());
            Map<TopicPartition, OffsetAndMetadata> commits = new java.util.HashMap<>();
            offsets.forEach((tp, o) -> commits.put(tp, new OffsetAndMetadata(o)));
            consumer.commitSync(commits);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
