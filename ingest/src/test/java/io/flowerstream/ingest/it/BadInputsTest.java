package io.flowerstream.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowerstream.contracts.ids.ImageId;
import io.flowerstream.contracts.topics.Headers;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.ingest.check.DecodingImageCheck;
import io.flowerstream.ingest.http.BearerToken;
import io.flowerstream.ingest.http.HttpSettings;
import io.flowerstream.ingest.http.IngestHttpServer;
import io.flowerstream.ingest.publish.ImagePublisher;
import io.flowerstream.ingest.publish.ProducerSettings;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.model.image.TestImages;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.testsupport.junit.EmbeddedKafkaExtension;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input gets its reason on both publishing paths, the CLI and HTTP; the token guards HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputsTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final String TOKEN = "test-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] GOOD = TestImages.jpeg(TestImages.halves(64, 48, Color.YELLOW, Color.GREEN));

    private ImagePublisher publisher;
    private IngestHttpServer server;
    private PrometheusMeterRegistry registry;

    @BeforeAll
    void startServer() {
        KAFKA.kafka().createTopic(Topics.IMAGES, 3, Topics.configOf(Topics.IMAGES));
        KafkaClientConfig kafka = KafkaClientConfig.of(KAFKA.bootstrapServers());
        publisher = new ImagePublisher(ProducerSettings.newRequestProducer(kafka, Duration.ofSeconds(5), "test-http"), Topics.IMAGES, "ingest-http");
        registry = ServiceMetrics.newRegistry("ingest");
        server = IngestHttpServer.create(HttpSettings.onPort(0, ImageLimits.DEFAULT_MAX_BYTES, Optional.of(BearerToken.of(TOKEN))),
                DecodingImageCheck.withDefaults(), publisher, registry, () -> true).start();
    }

    @AfterAll
    void stopServer() {
        server.close();
        publisher.close();
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("truncated.jpg", TestImages.truncated(GOOD, 0.5), "truncated", 400),
                Arguments.of("zero-byte.jpg", new byte[0], "empty", 400),
                Arguments.of("notes.txt", TestImages.text(), "not_an_image", 400),
                Arguments.of("page.html", TestImages.html(), "not_an_image", 400),
                Arguments.of("huge-header.png", TestImages.pngClaiming(50_000, 50_000), "too_many_pixels", 400),
                Arguments.of("oversized.jpg", oversized(), "too_large", 413));
    }

    @ParameterizedTest(name = "{0} is skipped by the CLI as {2}, with either check")
    @MethodSource("badInputs")
    void the_cli_skips_each_bad_file_with_its_path_and_reason(String name, byte[] bytes, String reason, int status, @TempDir Path dir)
            throws Exception {
        Path bad = Files.write(dir.resolve(name), bytes);
        Files.write(dir.resolve("good.jpg"), GOOD);

        CliRun run = CliRun.of("push", dir.toString(), "--label", "rose", "--bootstrap-servers", KAFKA.bootstrapServers());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("skipped " + bad + ": " + reason)
                .contains("published 1 of 2 images; 1 skipped: 1 " + reason);
        CliRun guardsOnly = CliRun.of("push", dir.toString(), "--label", "rose", "--strict", "--check", "guards",
                "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(guardsOnly.out()).contains("skipped " + bad + ": " + reason);
        assertThat(guardsOnly.exitCode()).as("--strict fails the run on a skip").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} is refused over HTTP with {3} {2}")
    @MethodSource("badInputs")
    void http_refuses_each_bad_body_with_its_status_and_reason(String name, byte[] bytes, String reason, int status) throws Exception {
        HttpResponse<String> response = HttpClients.post(images(""), "image/jpeg", bytes, "Bearer " + TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo(reason);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void an_unknown_label_is_refused_by_the_cli_with_the_valid_labels(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("good.jpg"), GOOD);

        CliRun run = CliRun.of("push", dir.toString(), "--label", "orchid", "--bootstrap-servers", KAFKA.bootstrapServers());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("orchid").contains("daisy, dandelion, rose, sunflower, tulip");
    }

    @Test
    void an_unknown_label_is_refused_over_http_with_400_and_the_valid_labels() throws Exception {
        HttpResponse<String> response = HttpClients.post(images("?label=orchid"), "image/jpeg", GOOD, "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("unknown_label");
        assertThat(body.get("validLabels")).hasSize(5);
    }

    @Test
    void a_body_that_is_not_jpeg_or_png_by_content_type_gets_415() throws Exception {
        assertThat(HttpClients.post(images(""), "text/plain", GOOD, "Bearer " + TOKEN).statusCode()).isEqualTo(415);
    }

    @Test
    void without_the_token_the_answer_is_401_and_nothing_is_published() throws Exception {
        assertThat(HttpClients.post(images(""), "image/jpeg", GOOD, null).statusCode()).isEqualTo(401);
        assertThat(HttpClients.post(images(""), "image/jpeg", GOOD, "Bearer wrong-token").statusCode()).isEqualTo(401);
    }

    @Test
    void with_the_token_a_good_image_is_accepted_with_202_once_the_broker_has_it() throws Exception {
        byte[] photo = TestImages.png(TestImages.solid(20, 10, Color.BLUE));

        HttpResponse<String> response = HttpClients.post(images("?label=Tulip"), "image/png", photo, "Bearer " + TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("imageId").asText()).isEqualTo(ImageId.of(photo));
        assertThat(body.get("topic").asText()).isEqualTo(Topics.IMAGES);
        ConsumerRecord<String, byte[]> record = TopicRecords.all(KAFKA.bootstrapServers(), Topics.IMAGES).stream()
                .filter(r -> r.partition() == body.get("partition").asInt() && r.offset() == body.get("offset").asLong())
                .findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(ImageId.of(photo));
        assertThat(record.value()).isEqualTo(photo);
        assertThat(Headers.text(record.headers(), Headers.LABEL)).isEqualTo("tulip");
        assertThat(Headers.text(record.headers(), Headers.CONTENT_TYPE)).isEqualTo("image/png");
        assertThat(Headers.text(record.headers(), Headers.SOURCE)).isEqualTo("ingest-http");
    }

    @Test
    void metrics_and_health_are_served_beside_the_api_and_never_show_the_token() throws Exception {
        HttpClients.post(images(""), "image/jpeg", GOOD, "Bearer " + TOKEN);

        HttpResponse<String> metrics = HttpClients.get(server.address() + "/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("flowers_ingest_images_total").contains("flowers_ingest_request_seconds_bucket")
                .contains("flowers_ingest_bytes_total").doesNotContain(TOKEN);
        assertThat(HttpClients.get(server.address() + "/health/live").statusCode()).isEqualTo(200);
        assertThat(HttpClients.get(server.address() + "/health/ready").statusCode()).isEqualTo(200);
    }

    private String images(String query) {
        return server.address() + IngestHttpServer.IMAGES_PATH + query;
    }

    private static byte[] oversized() {
        byte[] bytes = new byte[(int) ImageLimits.DEFAULT_MAX_BYTES + 1];
        System.arraycopy(GOOD, 0, bytes, 0, GOOD.length);
        return bytes;
    }
}
