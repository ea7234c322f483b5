package io.flowerstream.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.embedded.FreePorts;
import io.flowerstream.ingest.check.DecodingImageCheck;
import io.flowerstream.ingest.http.CachedReadiness;
import io.flowerstream.ingest.http.HttpSettings;
import io.flowerstream.ingest.http.IngestHttpServer;
import io.flowerstream.ingest.publish.BrokerProbe;
import io.flowerstream.ingest.publish.ImagePublisher;
import io.flowerstream.ingest.publish.ProducerSettings;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.testsupport.Eventually;
import io.flowerstream.testsupport.Http;
import io.flowerstream.testsupport.TestImages;
import io.flowerstream.testsupport.junit.EmbeddedKafkaExtension;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the publishing paths do when there is no broker: a quick, named failure, never a hang. */
class BrokerOutageTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void http_answers_503_and_not_ready_while_the_broker_is_stopped_and_202_again_once_it_is_back() throws Exception {
        KAFKA.kafka().createTopic(Topics.IMAGES, 3, Topics.configOf(Topics.IMAGES));
        KafkaClientConfig kafka = KafkaClientConfig.of(KAFKA.bootstrapServers());
        Duration sendTimeout = Duration.ofSeconds(3);
        try (BrokerProbe probe = new BrokerProbe(kafka, Duration.ofSeconds(2));
                ImagePublisher publisher = new ImagePublisher(
                        ProducerSettings.newRequestProducer(kafka, sendTimeout, "test-outage"),
                        Topics.IMAGES,
                        "ingest-http");
                IngestHttpServer server = IngestHttpServer.create(
                                new HttpSettings(
                                        "127.0.0.1",
                                        0,
                                        ImageLimits.DEFAULT_MAX_BYTES,
                                        sendTimeout,
                                        Optional.empty(),
                                        4),
                                DecodingImageCheck.withDefaults(),
                                publisher,
                                ServiceMetrics.newRegistry("ingest"),
                                new CachedReadiness(probe::isReachable, Duration.ZERO, System::nanoTime))
                        .start()) {
            String url = server.address() + IngestHttpServer.IMAGES_PATH;
            assertThat(Http.post(url, "image/jpeg", image(Color.RED), null).statusCode())
                    .isEqualTo(202);

            KAFKA.kafka().stop();
            long start = System.nanoTime();
            var refused = Http.post(url, "image/jpeg", image(Color.GREEN), null);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("kafka_unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(Http.get(server.address() + "/health/ready").statusCode())
                    .isEqualTo(503);

            KAFKA.kafka().start();
            Eventually.await(
                    Duration.ofSeconds(60),
                    () -> {
                        try {
                            return Http.post(url, "image/jpeg", image(Color.BLUE), null)
                                            .statusCode()
                                    == 202;
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> "a 202 once the broker is back");
            assertThat(Http.get(server.address() + "/health/ready").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void the_cli_names_the_address_it_tried_and_exits_non_zero_quickly_when_no_broker_answers(@TempDir Path dir)
            throws Exception {
        Files.write(dir.resolve("a.jpg"), image(Color.RED));
        String nowhere = "127.0.0.1:" + FreePorts.next();
        long start = System.nanoTime();

        CliRun run =
                CliRun.of("push", dir.toString(), "--label", "rose", "--bootstrap-servers", nowhere, "--timeout", "3");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("no Kafka broker answered at " + nowhere).contains("--bootstrap-servers");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    private static byte[] image(Color colour) {
        return TestImages.jpeg(TestImages.solid(16, 16, colour));
    }
}
