package io.flowerstream.ingest.archive;

import io.flowerstream.model.events.Headers;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the dead letter of a record the archiver refuses: the original key, value and headers,
 * plus {@code error.*} headers saying why and {@code source.*} headers saying where it came from.
 */
public final class DeadLetters {

    /** The {@code error.stage} of the archiver's dead letters. */
    public static final String STAGE = "archive";

    private DeadLetters() {
    }

    /** The dead letter of {@code record} on {@code dlqTopic}, refused for {@code reason} (a stable code). */
    public static ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> record, String dlqTopic,
                                                    String reason, String errorClass, String message) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(Headers.ERROR_STAGE, Headers.bytes(STAGE));
        headers.add(Headers.ERROR_REASON, Headers.bytes(reason));
        headers.add(Headers.ERROR_CLASS, Headers.bytes(errorClass));
        headers.add(Headers.ERROR_MESSAGE, Headers.bytes(message));
        headers.add(Headers.SOURCE_TOPIC, Headers.bytes(record.topic()));
        headers.add(Headers.SOURCE_PARTITION, String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.SOURCE_OFFSET, String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(dlqTopic, null, record.key(), record.value(), headers);
    }
}
