package io.flowerstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowerstream.contracts.ids.ImageId;
import io.flowerstream.contracts.topics.Headers;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.ingest.BadInputs;
import io.flowerstream.ingest.check.DecodingImageCheck;
import io.flowerstream.ingest.publish.ImagePublisher;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.testsupport.Http;
import io.flowerstream.testsupport.TestImages;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP endpoint gives every kind of bad body its status and reason, and the token guards it.
 * The server is the real one on a free port; its producer is Kafka's {@link MockProducer}, which
 * acknowledges every record at once and keeps what was sent: what the endpoint publishes is the
 * logic under test, not the broker (the push CLI's cases, and a stopped broker, run on a real one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputsOverHttpTest {

    private static final String TOKEN = "test-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private IngestHttpServer server;

    @BeforeAll
    void startServer() {
        ImagePublisher publisher = new ImagePublisher(producer, Topics.IMAGES, "ingest-http");
        server = IngestHttpServer.create(
                        HttpSettings.onPort(0, ImageLimits.DEFAULT_MAX_BYTES, Optional.of(BearerToken.of(TOKEN))),
                        DecodingImageCheck.withDefaults(),
                        publisher,
                        ServiceMetrics.newRegistry("ingest"),
                        () -> true)
                .start();
    }

    @AfterAll
    void stopServer() {
        server.close();
        producer.close();
    }

    @ParameterizedTest(name = "{0} is refused over HTTP with {3} {2}")
    @MethodSource("io.flowerstream.ingest.BadInputs#cases")
    void http_refuses_each_bad_body_with_its_status_and_reason_and_publishes_nothing(
            String name, byte[] bytes, String reason, int status) throws Exception {
        int sentBefore = producer.history().size();

        HttpResponse<String> response = Http.post(images(""), "image/jpeg", bytes, "Bearer " + TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo(reason);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(producer.history()).as("records sent for %s", name).hasSize(sentBefore);
    }

    @Test
    void an_unknown_label_is_refused_over_http_with_400_and_the_valid_labels() throws Exception {
        HttpResponse<String> response =
                Http.post(images("?label=orchid"), "image/jpeg", BadInputs.GOOD, "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("unknown_label");
        assertThat(body.get("validLabels")).hasSize(5);
    }

    @Test
    void a_body_that_is_not_jpeg_or_png_by_content_type_gets_415() throws Exception {
        assertThat(Http.post(images(""), "text/plain", BadInputs.GOOD, "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(415);
    }

    @Test
    void without_the_token_the_answer_is_401_and_nothing_is_published() throws Exception {
        int sentBefore = producer.history().size();

        assertThat(Http.post(images(""), "image/jpeg", BadInputs.GOOD, null).statusCode())
                .isEqualTo(401);
        assertThat(Http.post(images(""), "image/jpeg", BadInputs.GOOD, "Bearer wrong-token")
                        .statusCode())
                .isEqualTo(401);

        assertThat(producer.history()).as("records sent by refused requests").hasSize(sentBefore);
    }

    @Test
    void with_the_token_a_good_image_is_accepted_with_202_where_the_producer_acknowledged_it() throws Exception {
        byte[] photo = TestImages.png(TestImages.solid(20, 10, Color.BLUE));

        HttpResponse<String> response = Http.post(images("?label=Tulip"), "image/png", photo, "Bearer " + TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("imageId").asText()).isEqualTo(ImageId.of(photo));
        assertThat(body.get("topic").asText()).isEqualTo(Topics.IMAGES);
        List<ProducerRecord<String, byte[]>> sent = producer.history();
        ProducerRecord<String, byte[]> record = sent.stream()
                .filter(r -> ImageId.of(photo).equals(r.key()))
                .findFirst()
                .orElseThrow();
        // The mock producer knows no partitions: it puts every record in partition 0, at the next offset.
        assertThat(body.get("partition").asInt()).isZero();
        assertThat(body.get("offset").asLong()).isEqualTo(sent.indexOf(record));
        assertThat(record.topic()).isEqualTo(Topics.IMAGES);
        assertThat(record.value()).isEqualTo(photo);
        assertThat(Headers.text(record.headers(), Headers.LABEL)).isEqualTo("tulip");
        assertThat(Headers.text(record.headers(), Headers.CONTENT_TYPE)).isEqualTo("image/png");
        assertThat(Headers.text(record.headers(), Headers.SOURCE)).isEqualTo("ingest-http");
    }

    @Test
    void metrics_and_health_are_served_beside_the_api_and_never_show_the_token() throws Exception {
        Http.post(images(""), "image/jpeg", BadInputs.GOOD, "Bearer " + TOKEN);

        HttpResponse<String> metrics = Http.get(server.address() + "/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("flowers_ingest_images_total")
                .contains("flowers_ingest_request_seconds_bucket")
                .contains("flowers_ingest_bytes_total")
                .doesNotContain(TOKEN);
        assertThat(Http.get(server.address() + "/health/live").statusCode()).isEqualTo(200);
        assertThat(Http.get(server.address() + "/health/ready").statusCode()).isEqualTo(200);
    }

    private String images(String query) {
        return server.address() + IngestHttpServer.IMAGES_PATH + query;
    }
}
