package io.flowerstream.ingest.publish;

import io.flowerstream.contracts.topics.Headers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes checked images to the images topic in its format (docs/design.md): key = image id, value =
 * the bytes unchanged, headers {@code label} (where known), {@code content-type} and
 * {@code source}. Thread-safe, as the producer it wraps.
 */
public final class ImagePublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String source;

    /** Publishes to {@code topic} with {@code source} (e.g. {@code ingest-cli}) in every record's headers. */
    public ImagePublisher(Producer<String, byte[]> producer, String topic, String source) {
        this.producer = producer;
        this.topic = topic;
        this.source = source;
    }

    /** The topic records go to. */
    public String topic() {
        return topic;
    }

    /**
     * Sends one image; the future completes when the broker has acknowledged it (acks=all) or
     * fails with the producer's exception. A failure to even enqueue the record (no metadata
     * within {@code max.block.ms}, a record too large) also completes the future exceptionally,
     * so callers have one place to handle every failure.
     */
    public CompletableFuture<RecordMetadata> publish(ImageSubmission image) {
        RecordHeaders headers = new RecordHeaders();
        if (image.label() != null) {
            headers.add(Headers.LABEL, Headers.bytes(image.label()));
        }
        if (image.contentType() != null) {
            headers.add(Headers.CONTENT_TYPE, Headers.bytes(image.contentType()));
        }
        headers.add(Headers.SOURCE, Headers.bytes(source));
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, null, image.imageId(), image.bytes(), headers);
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /** Waits for every record sent so far to be acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        // Bounded: records still unsent after this are failed through their futures, never hang the exit.
        producer.close(Duration.ofSeconds(10));
    }
}
