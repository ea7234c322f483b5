package io.flowerstream.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.metrics.ClassifierMetrics;
import io.flowerstream.classifier.topology.ClassifierTopology;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.embedded.EmbeddedS3;
import io.flowerstream.embedded.FreePorts;
import io.flowerstream.ingest.archive.ArchiverSettings;
import io.flowerstream.ingest.check.CheckMode;
import io.flowerstream.ingest.http.BearerToken;
import io.flowerstream.ingest.http.HttpSettings;
import io.flowerstream.ingest.http.IngestHttpServer;
import io.flowerstream.ingest.publish.ProducerSettings;
import io.flowerstream.ingest.service.IngestService;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.platform.s3.S3Settings;
import io.flowerstream.reliability.report.Check;
import io.flowerstream.reliability.report.Results;
import io.flowerstream.reliability.support.ClassifierInProcess;
import io.flowerstream.reliability.support.LogCapture;
import io.flowerstream.reliability.support.ModelVersions;
import io.flowerstream.testsupport.Eventually;
import io.flowerstream.testsupport.Http;
import io.flowerstream.testsupport.TestImages;
import io.flowerstream.trainer.publish.KafkaAnnouncer;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services started as production starts them, with secrets set: an S3 secret key, the
 * ingest token, and a SASL password inside {@code KAFKA_SASL_JAAS_CONFIG} (with
 * {@code KAFKA_SECURITY_PROTOCOL} and {@code KAFKA_SASL_MECHANISM}). Every log line of the JVM
 * at INFO, Kafka's own client-config dumps included, is captured while they start, serve
 * requests (refused and failing ones too) and their metrics are scraped. The broker address
 * leads nowhere: the clients must be built with the settings, not connect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServicesWithSecretsTest {

    private static final String S3_SECRET = "s3-secret-key-9f4c2b71";
    private static final String TOKEN = "ingest-token-3e8a60d5";
    private static final String SASL_PASSWORD = "sasl-password-c0ffee42";
    private static final Map<String, String> KAFKA_ENV = Map.of(
            "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
            "KAFKA_SASL_MECHANISM", "PLAIN",
            "KAFKA_SASL_JAAS_CONFIG",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"flowers\" password=\""
                            + SASL_PASSWORD + "\";");
    private static final Pattern CONFIG_DUMP =
            Pattern.compile("^INFO \\S+ - (\\w+Config) values: (.*)", Pattern.DOTALL);

    private LogCapture logs;
    private EmbeddedS3 s3;
    private IngestService ingest;
    private ClassifierInProcess classifier;
    private final List<String> pages = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();

    @BeforeAll
    void startTheServicesWithSecretsAndUseThem(@TempDir Path state) throws Exception {
        logs = LogCapture.atLevel(Level.INFO);
        s3 = EmbeddedS3.inMemory()
                .withCredentials("reliability-access", S3_SECRET)
                .start();
        S3Settings s3Settings = new S3Settings(s3.endpoint(), s3.accessKey(), s3.secretKey(), "flowerstream");
        ModelRegistry registry = ModelRegistry.of(s3Settings);
        registry.ensureBucket();
        registry.setAlias(ModelRegistry.CHAMPION, ModelVersions.publish(registry, ModelVersions.goodParams()));
        KafkaClientConfig kafka = KafkaClientConfig.fromEnv(KAFKA_ENV, "127.0.0.1:" + FreePorts.next());

        ingest = IngestService.start(
                new IngestService.Settings(
                        kafka,
                        new HttpSettings(
                                "127.0.0.1",
                                0,
                                ImageLimits.DEFAULT_MAX_BYTES,
                                Duration.ofSeconds(2),
                                BearerToken.fromEnv(Map.of("INGEST_TOKEN", TOKEN)),
                                4),
                        Topics.IMAGES,
                        CheckMode.DECODE,
                        ArchiverSettings.defaults(),
                        java.util.Optional.of(s3Settings)),
                ServiceMetrics.newRegistry("ingest"));
        classifier = ClassifierInProcess.start(kafka, registry, state, Duration.ofSeconds(1));
        try (KafkaAnnouncer announcer = new KafkaAnnouncer(kafka)) {
            // the trainer's producer: built, never used
        }

        byte[] image = TestImages.jpeg(TestImages.solid(20, 20, Color.RED));
        String url = ingest.address() + IngestHttpServer.IMAGES_PATH + "?label=rose";
        for (String authorization : new String[] {null, "Bearer wrong", "Bearer " + TOKEN}) {
            var response = Http.post(url, "image/jpeg", image, authorization);
            answers.add(response.statusCode() + " " + response.body());
        }
        // Kafka Streams starts once the model is loaded; wait for its clients to be built.
        Eventually.await(
                Duration.ofSeconds(120),
                () -> dumps().keySet().stream().anyMatch(id -> id.endsWith("StreamThread-1-producer")),
                () -> "the classifier's Kafka Streams clients to be built; client configs so far: " + dumps().keySet());
        pages.add(Http.get(ingest.address() + "/metrics").body());
        pages.add(Http.get(classifier.service().opsAddress() + "/metrics").body());
        pages.add(Http.get(ingest.address() + "/health/ready").body());
        pages.add(Http.get(classifier.service().opsAddress() + "/health/ready").body());
    }

    @AfterAll
    void stopEverything() {
        if (classifier != null) {
            classifier.close();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void no_secret_appears_in_any_log_line_metrics_page_or_answer() {
        List<String> lines = logs.lines();
        assertThat(lines).as("captured log lines").hasSizeGreaterThan(50);
        assertThat(answers).as("HTTP answers").hasSize(3);
        for (String secret : List.of(S3_SECRET, TOKEN, SASL_PASSWORD)) {
            assertThat(lines).as("log lines containing %s", secret).noneMatch(l -> l.contains(secret));
            assertThat(pages)
                    .as("metrics and health pages containing %s", secret)
                    .noneMatch(p -> p.contains(secret));
            assertThat(answers).as("HTTP answers containing %s", secret).noneMatch(a -> a.contains(secret));
        }
        long bytes = lines.stream().mapToLong(String::length).sum();
        Results.passed(
                Check.S2_SECRETS,
                "ingest service (HTTP + archiver), classifier and the trainer's announcer started with "
                        + "`S3_SECRET_KEY`, `INGEST_TOKEN` and a SASL password in `KAFKA_SASL_JAAS_CONFIG`; requests "
                        + "without, with a wrong and with the right token (answers: "
                        + "" + answers.stream().map(a -> a.substring(0, 3)).toList()
                        + "); every log line of the JVM at INFO (Kafka's client-config dumps, S3 server, DJL "
                        + "included), both `/metrics` pages and both `/health/ready` answers searched for the three "
                        + "secrets: none found",
                lines.size() + " log lines (" + bytes / 1024 + " KiB) and "
                        + pages.stream().mapToInt(String::length).sum() / 1024 + " KiB of pages scanned");
    }

    @Test
    void every_kafka_client_the_services_build_carries_the_security_settings_of_the_KAFKA_variables() throws Exception {
        Map<String, String> dumps = dumps();
        assertThat(dumps.keySet())
                .as("clients built")
                .anyMatch(id -> id.equals("flowerstream-ingest-http"))
                .anyMatch(id -> id.endsWith("StreamThread-1-consumer"))
                .anyMatch(id -> id.endsWith("StreamThread-1-producer"))
                .anyMatch(id -> id.endsWith("-admin"));
        dumps.forEach((client, values) -> assertThat(values)
                .as("config of client %s", client)
                .contains("security.protocol = SASL_PLAINTEXT")
                .contains("sasl.mechanism = PLAIN")
                .contains("sasl.jaas.config = [hidden]"));

        // The same, from the properties each service hands its clients, with SASL_SSL and a trust store.
        Map<String, String> env = new TreeMap<>(KAFKA_ENV);
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.jks");
        KafkaClientConfig kafka = KafkaClientConfig.fromEnv(env, "broker:9093");
        ClassifierConfig classifierConfig =
                ClassifierConfig.builder(kafka, null).build();
        StreamsConfig streams = new StreamsConfig(
                ClassifierTopology.streamsConfig(classifierConfig, 8, new ClassifierMetrics(() -> 0)));
        Map<String, Map<String, Object>> clients = new TreeMap<>();
        clients.put("ingest producer", toMap(ProducerSettings.forImages(kafka, Duration.ofSeconds(5), "x")));
        clients.put("streams main consumer", streams.getMainConsumerConfigs("g", "c", 0));
        clients.put("streams restore consumer", streams.getRestoreConsumerConfigs("c"));
        clients.put("streams producer", streams.getProducerConfigs("c"));
        clients.put("streams admin", streams.getAdminConfigs("c"));
        clients.forEach((name, props) -> assertThat(props)
                .as(name)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                .containsEntry("sasl.jaas.config", env.get("KAFKA_SASL_JAAS_CONFIG")));

        Results.passed(
                Check.S4_KAFKA_PASSTHROUGH,
                "`KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT`, `KAFKA_SASL_MECHANISM=PLAIN`, `KAFKA_SASL_JAAS_CONFIG`: "
                        + "each Kafka client the running services built logged `security.protocol = SASL_PLAINTEXT`, "
                        + "`sasl.mechanism = PLAIN`, `sasl.jaas.config = [hidden]` ("
                        + String.join(
                                ", ",
                                new TreeSet<>(dumps.keySet().stream()
                                        .map(id -> id.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<process>"))
                                        .toList()))
                        + "); and with `SASL_SSL`, `SCRAM-SHA-512` and `KAFKA_SSL_TRUSTSTORE_LOCATION`, the ingest "
                        + "producer's properties and Kafka Streams' derived main consumer, restore consumer, producer "
                        + "and admin configs carry all four",
                dumps.size() + " live clients checked");
    }

    /** Kafka's client-config dumps so far, by client id (or the config kind where it has none). */
    private Map<String, String> dumps() {
        Map<String, String> byClient = new TreeMap<>();
        for (String line : logs.lines()) {
            Matcher m = CONFIG_DUMP.matcher(line);
            if (m.find()
                    && !m.group(1)
                            .equals("StreamsConfig")) { // Streams' own dump lists no sasl.* keys; its clients' dumps do
                Matcher id = Pattern.compile("\\bclient\\.id = (\\S*)").matcher(m.group(2));
                String client = id.find() && !id.group(1).isEmpty() ? id.group(1) : m.group(1);
                byClient.put(client, m.group(2));
            }
        }
        return byClient;
    }

    private static Map<String, Object> toMap(Properties props) {
        Map<String, Object> map = new TreeMap<>();
        props.forEach((k, v) -> map.put(String.valueOf(k), v));
        return map;
    }
}
