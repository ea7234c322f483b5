package io.flowerstream.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.events.ModelAnnouncement;
import io.flowerstream.contracts.events.PredictionEvent;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.s3.S3Settings;
import io.flowerstream.reliability.report.Check;
import io.flowerstream.reliability.report.Results;
import io.flowerstream.reliability.support.ClassifierInProcess;
import io.flowerstream.reliability.support.LogCapture;
import io.flowerstream.reliability.support.ModelVersions;
import io.flowerstream.reliability.support.PipelineOutput;
import io.flowerstream.reliability.support.PipelineTopics;
import io.flowerstream.testsupport.Eventually;
import io.flowerstream.testsupport.Http;
import io.flowerstream.testsupport.TestImages;
import io.flowerstream.testsupport.junit.EmbeddedKafkaExtension;
import io.flowerstream.testsupport.junit.EmbeddedS3Extension;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged model version reaches a live classifier the way a real one does: published in the
 * registry on S3, {@code champion} moved to it, and announced on {@code flowers.models}. The
 * classifier refuses it, says so in a WARN line and in {@code flowers.classifier.model.load.failures},
 * and goes on predicting with the version it had. The alias poll is an hour, so only the
 * announcement can have triggered the check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorruptModelTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    private static final String BUCKET = "flowerstream";

    private byte[] good;
    private MinioClient client;
    private ModelRegistry registry;
    private ClassifierInProcess classifier;
    private PipelineOutput output;
    private LogCapture logs;
    private int image;

    @BeforeAll
    void startAClassifierServingVersionOne(@TempDir Path state) throws Exception {
        PipelineTopics.create(KAFKA.kafka(), 1);
        client = new S3Settings(S3.s3().endpoint(), S3.s3().accessKey(), S3.s3().secretKey(), BUCKET).newClient();
        registry = new ModelRegistry(client, BUCKET);
        registry.ensureBucket();
        good = ModelVersions.goodParams();
        registry.setAlias(ModelRegistry.CHAMPION, ModelVersions.publish(registry, good));
        logs = LogCapture.asConfigured();
        classifier = ClassifierInProcess.start(
                KafkaClientConfig.of(KAFKA.bootstrapServers()), registry, state, Duration.ofHours(1));
        classifier.awaitReady(Duration.ofSeconds(120));
        output = new PipelineOutput(KAFKA.bootstrapServers());
        assertThat(predictedVersion()).isEqualTo(1);
    }

    @AfterAll
    void stop() {
        if (output != null) {
            output.close();
        }
        if (classifier != null) {
            classifier.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void a_version_whose_weights_do_not_match_their_checksum_is_refused_and_version_one_keeps_serving()
            throws Exception {
        int version = ModelVersions.publish(registry, good);
        byte[] tampered = good.clone();
        tampered[tampered.length / 2] ^= 1;
        overwriteParams(version, tampered);

        refuse(
                Check.F5_BAD_CHECKSUM,
                version,
                Set.of("integrity"),
                "one bit of `model.params` flipped after publishing (metadata's SHA-256 no longer matches)");
    }

    @Test
    void a_version_whose_tensors_have_the_wrong_shape_is_refused_and_version_one_keeps_serving() throws Exception {
        int version = ModelVersions.publish(registry, ModelVersions.paramsForInputSize(120));

        refuse(
                Check.F5_WRONG_SHAPE,
                version,
                Set.of("malformed", "warmup"),
                "weights of the seed network's layers built for 120x120 input: the first dense layer's weight has "
                        + "another shape; checksum consistent");
    }

    @Test
    void a_version_with_truncated_weights_is_refused_and_version_one_keeps_serving() throws Exception {
        int version = ModelVersions.publish(registry, Arrays.copyOf(good, good.length / 2));

        refuse(
                Check.F5_TRUNCATED,
                version,
                Set.of("malformed"),
                "`model.params` cut to half its length before publishing (checksum consistent)");
    }

    /** Moves champion to {@code version}, announces it, and checks the refusal everywhere it must show. */
    private void refuse(Check check, int version, Set<String> reasons, String what) throws Exception {
        java.util.Map<String, Double> before = new java.util.HashMap<>();
        reasons.forEach(r -> before.put(r, classifier.loadFailures(r)));
        registry.setAlias(ModelRegistry.CHAMPION, version);
        long announced = System.nanoTime();
        announce(version);

        Eventually.await(
                Duration.ofSeconds(60),
                () -> reasons.stream().anyMatch(r -> classifier.loadFailures(r) > before.get(r)),
                () -> "a refusal of version " + version + " counted under " + reasons + "; log:\n"
                        + String.join("\n", tail()));
        long refusedMs = (System.nanoTime() - announced) / 1_000_000;
        String reason = reasons.stream()
                .filter(r -> classifier.loadFailures(r) > before.get(r))
                .findFirst()
                .orElseThrow();
        List<String> warnings = logs.lines().stream()
                .filter(l -> l.startsWith("WARN") && l.contains("refused model version " + version + " ("))
                .toList();
        assertThat(warnings).as("the WARN line refusing version %d", version).hasSize(1);
        assertThat(classifier.service().models().servingVersion())
                .as("the version served after refusing %d", version)
                .hasValue(1);
        assertThat(predictedVersion())
                .as("the version a new image is predicted with")
                .isEqualTo(1);
        List<String> metrics = Http.get(classifier.service().opsAddress() + "/metrics")
                .body()
                .lines()
                .filter(l -> l.startsWith("flowers_classifier_model_"))
                .toList();
        assertThat(metrics)
                .as("/metrics")
                .anyMatch(l -> l.startsWith("flowers_classifier_model_load_failures_total{")
                        && l.contains("reason=\"" + reason + "\"")
                        && !l.endsWith(" 0.0"));
        assertThat(metrics)
                .as("/metrics")
                .anyMatch(l -> l.startsWith("flowers_classifier_model_version{") && l.endsWith(" 1.0"));
        assertThat(Http.get(classifier.service().opsAddress() + "/health/ready").statusCode())
                .isEqualTo(200);

        Results.passed(
                check,
                what + "; `champion` moved to it and announced on `flowers.models`: refused with reason `"
                        + reason + "`, WARN line `" + shorten(warnings.get(0)) + "`, metric "
                        + "`flowers_classifier_model_load_failures_total{reason=\"" + reason + "\"}`, still ready, a "
                        + "new image afterwards predicted by version 1",
                "refused " + refusedMs + " ms after the announcement");
    }

    private List<String> tail() {
        List<String> lines = logs.lines();
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
    }

    private static String shorten(String line) {
        String message = line.substring(line.indexOf(" - ") + 3);
        return message.length() > 90 ? message.substring(0, 90) + "..." : message;
    }

    /** Publishes a fresh image and returns the model version of its committed prediction. */
    private int predictedVersion() throws Exception {
        String id = "model-check-" + (++image);
        send(
                Topics.IMAGES,
                id,
                TestImages.jpeg(TestImages.halves(64, 48, Color.PINK, new Color(image * 40 % 255, 90, 30))));
        Eventually.await(
                Duration.ofSeconds(60),
                () -> output.poll().predictions().containsKey(id),
                () -> "a prediction of " + id);
        List<PredictionEvent> events = output.predictions().get(id);
        assertThat(events).as("predictions of " + id).hasSize(1);
        return events.get(0).modelVersion();
    }

    private void announce(int version) {
        send(
                Topics.MODELS,
                registry.modelName(),
                new ModelAnnouncement(
                                registry.modelName(),
                                version,
                                List.of(ModelRegistry.CHAMPION),
                                "unchecked",
                                0.5,
                                Instant.now().toString())
                        .toJson());
    }

    private void overwriteParams(int version, byte[] bytes) throws Exception {
        client.putObject(
                PutObjectArgs.builder()
                        .bucket(BUCKET)
                        .object("models/" + registry.modelName() + "/" + version + "/model.params")
                        .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                        .build());
    }

    private static void send(String topic, String key, byte[] value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }
}
