package io.flowerstream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.ids.ImageId;
import io.flowerstream.contracts.topics.Headers;
import io.flowerstream.contracts.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What {@link ImagePublisher} sends and when its future completes, on Kafka's {@link MockProducer},
 * which holds every acknowledgement until the test gives it: the record layout of the images
 * topic, and every failure, thrown or acknowledged, arriving through the one future.
 */
class ImagePublisherTest {

    private static final byte[] BYTES = "not checked here".getBytes(StandardCharsets.UTF_8);

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final ImagePublisher publisher = new ImagePublisher(producer, Topics.IMAGES, "ingest-cli");

    @Test
    void sends_the_id_as_key_the_bytes_unchanged_and_label_content_type_and_source_headers() {
        ImageSubmission image = ImageSubmission.of(BYTES, "rose", "image/jpeg");

        publisher.publish(image);

        ProducerRecord<String, byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo(Topics.IMAGES);
        assertThat(record.partition())
                .as("the partition is the key's, chosen by the producer")
                .isNull();
        assertThat(record.key()).isEqualTo(image.imageId()).isEqualTo(ImageId.of(BYTES));
        assertThat(record.value()).isEqualTo(BYTES);
        assertThat(Headers.text(record.headers(), Headers.LABEL)).isEqualTo("rose");
        assertThat(Headers.text(record.headers(), Headers.CONTENT_TYPE)).isEqualTo("image/jpeg");
        assertThat(Headers.text(record.headers(), Headers.SOURCE)).isEqualTo("ingest-cli");
    }

    @Test
    void an_image_without_label_or_content_type_carries_neither_header_but_still_its_source() {
        publisher.publish(ImageSubmission.of(BYTES, null, null));

        ProducerRecord<String, byte[]> record = producer.history().get(0);
        assertThat(record.headers().lastHeader(Headers.LABEL))
                .as("an unlabelled image is not training data")
                .isNull();
        assertThat(record.headers().lastHeader(Headers.CONTENT_TYPE)).isNull();
        assertThat(Headers.text(record.headers(), Headers.SOURCE)).isEqualTo("ingest-cli");
    }

    @Test
    void the_future_completes_only_when_the_producer_acknowledges_and_carries_where_the_record_went() throws Exception {
        CompletableFuture<RecordMetadata> acked = publisher.publish(ImageSubmission.of(BYTES, "tulip", "image/png"));

        assertThat(acked).as("no acknowledgement yet").isNotDone();
        assertThat(producer.completeNext()).isTrue();

        RecordMetadata metadata = acked.get();
        assertThat(metadata.topic()).isEqualTo(Topics.IMAGES);
        assertThat(metadata.offset()).isZero();
    }

    @Test
    void a_failed_acknowledgement_fails_the_future_with_the_producers_exception() {
        CompletableFuture<RecordMetadata> acked = publisher.publish(ImageSubmission.of(BYTES, "daisy", "image/jpeg"));
        TimeoutException expired = new TimeoutException("Expiring 1 record(s) for flowers.images-0");

        producer.errorNext(expired);

        assertThat(acked).isCompletedExceptionally();
        assertThat(catchCause(acked)).isSameAs(expired);
    }

    @Test
    void a_record_the_producer_refuses_to_enqueue_fails_the_future_instead_of_throwing() {
        RecordTooLargeException tooLarge = new RecordTooLargeException("the message is 11534336 bytes");
        producer.sendException = tooLarge;

        CompletableFuture<RecordMetadata> acked = publisher.publish(ImageSubmission.of(BYTES, "daisy", "image/jpeg"));

        assertThat(acked).isCompletedExceptionally();
        assertThat(catchCause(acked)).isSameAs(tooLarge);
    }

    @Test
    void close_closes_the_producer() {
        publisher.close();

        assertThat(producer.closed()).isTrue();
    }

    private static Throwable catchCause(CompletableFuture<RecordMetadata> future) {
        try {
            future.get();
            throw new AssertionError("the future completed normally");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
