package io.flowerstream.standalone.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.embedded.FreePorts;
import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.s3.S3Settings;
import io.flowerstream.testsupport.SamplePhotos;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone pipeline end to end on a folder of real photos (the committed sample set), in this JVM. */
class StandalonePipelineTest {

    @TempDir
    Path data;

    @Test
    void trains_serves_and_classifies_every_streamed_photo_exactly_once() throws Exception {
        Path flowers = SamplePhotos.folder();
        int kafkaPort = FreePorts.next();
        int s3Port = FreePorts.next();
        StandaloneSettings settings = StandaloneSettings.builder()
                .dataDir(data)
                .imagesDir(flowers)
                .perClass(SamplePhotos.PER_CLASS)
                .kafkaPort(kafkaPort)
                .s3Port(s3Port)
                .ingestPort(0)
                .classifierPort(0)
                .trainerPort(0)
                .prometheusPort(-1)
                .epochs(2)
                .trainingBudget(Duration.ofMinutes(2))
                .retrainEvery(Duration.ofHours(1))
                .imagesPerSecond(20)
                .feedbackDelay(Duration.ofMillis(500))
                .exitAfter(-1)
                .device(DeviceChoice.CPU)
                .build();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<Integer> servicePorts;
        try (StandalonePipeline pipeline =
                new StandalonePipeline(settings, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            pipeline.start();
            Map<String, String> metrics = pipeline.metricsEndpoints();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (pipeline.streamed().classified() < pipeline.streamed().expected() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            // Late duplicates and the last feedback would show up now.
            Thread.sleep(3_000);

            assertThat(pipeline.streamed().expected()).as("held-back photos").isGreaterThan(5);
            assertThat(pipeline.streamed().classified())
                    .as("streamed photos with a prediction")
                    .isEqualTo(pipeline.streamed().expected());
            assertThat(pipeline.streamed().duplicated())
                    .as("streamed photos with two predictions")
                    .isZero();
            assertThat(pipeline.traffic().refused()).isZero();

            S3Settings s3 = new S3Settings(
                    "http://127.0.0.1:" + s3Port, "flowerstream", "flowerstream-secret", "flowerstream", "us-east-1");
            ModelRegistry registry = ModelRegistry.of(s3);
            assertThat(registry.listVersions()).contains(1);
            assertThat(registry.resolveAlias("champion")).contains(1);

            String classifier = get(metrics.get("classifier"));
            assertThat(classifier)
                    .contains("flowers_classifier_model_version{service=\"classifier\"} 1.0")
                    .contains("flowers_classifier_predictions_total")
                    .containsPattern("flowers_classifier_online_predictions_total\\{[^}]*model_version=\"1\",outcome=")
                    .contains("source=\"feedback\"")
                    .contains("flowers_classifier_latency_seconds_bucket")
                    .contains("flowers_classifier_batch_size_images_bucket")
                    .contains("kafka_consumer_fetch_manager_records_lag_max");
            assertThat(get(metrics.get("ingest")))
                    .contains("flowers_ingest_images_total")
                    .contains("flowers_ingest_archived_total")
                    .contains("flowers_ingest_request_seconds_bucket")
                    .contains("jvm_memory_used_bytes");
            assertThat(get(metrics.get("trainer")))
                    .contains("flowers_trainer_published_version{service=\"trainer\"} 1.0")
                    .contains("flowers_trainer_champion_version")
                    .contains("flowers_trainer_epoch_loss");

            pipeline.statusView(false).tick();
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .contains("accuracy v1 ")
                    .contains("serving v1")
                    .containsPattern("published (\\d+) of \\1 images");
            servicePorts =
                    metrics.values().stream().map(u -> URI.create(u).getPort()).toList();
        }
        for (int port : List.of(kafkaPort, s3Port)) {
            assertThat(isOpen(port)).as("port " + port + " after shutdown").isFalse();
        }
        servicePorts.forEach(port ->
                assertThat(isOpen(port)).as("port " + port + " after shutdown").isFalse());
    }

    static String get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static boolean isOpen(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
