package io.flowerstream.contracts.topics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead letters, the one way every service does: the input's own headers, then
 * {@code error.stage}, {@code error.reason}, {@code error.class}, {@code error.message} and where the
 * record came from ({@code source.topic}, {@code source.partition}, {@code source.offset}), so that a
 * dead letter can be understood and replayed without the logs.
 */
public final class DeadLetters {

    /** Longest {@code error.message} kept: a header, not a log file. */
    public static final int MAX_MESSAGE = 1000;

    private static final String[] ERROR_HEADERS = {
        Headers.ERROR_STAGE,
        Headers.ERROR_REASON,
        Headers.ERROR_CLASS,
        Headers.ERROR_MESSAGE,
        Headers.SOURCE_TOPIC,
        Headers.SOURCE_PARTITION,
        Headers.SOURCE_OFFSET
    };

    private DeadLetters() {}

    /**
     * The input's headers plus the error headers. Error headers the input already had (a dead letter
     * replayed and refused again) are replaced, so each name appears once. {@code errorClass} and
     * {@code message} may be null; {@code topic} null leaves out the {@code source.*} headers.
     */
    public static RecordHeaders headers(
            org.apache.kafka.common.header.Headers input,
            String stage,
            String reason,
            String errorClass,
            String message,
            String topic,
            int partition,
            long offset) {
        RecordHeaders headers = new RecordHeaders(input == null ? new Header[0] : input.toArray());
        for (String name : ERROR_HEADERS) {
            headers.remove(name);
        }
        headers.add(Headers.ERROR_STAGE, Headers.bytes(stage));
        headers.add(Headers.ERROR_REASON, Headers.bytes(reason));
        if (errorClass != null) {
            headers.add(Headers.ERROR_CLASS, Headers.bytes(errorClass));
        }
        if (message != null) {
            String kept = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
            headers.add(Headers.ERROR_MESSAGE, Headers.bytes(kept));
        }
        if (topic != null) {
            headers.add(Headers.SOURCE_TOPIC, Headers.bytes(topic));
            headers.add(Headers.SOURCE_PARTITION, Headers.bytes(Integer.toString(partition)));
            headers.add(Headers.SOURCE_OFFSET, Headers.bytes(Long.toString(offset)));
        }
        return headers;
    }

    /**
     * The dead letter of a consumed {@code record} on {@code dlqTopic}: its key and value as
     * received, refused at {@code stage}.
     */
    public static <K, V> ProducerRecord<K, V> of(
            ConsumerRecord<K, V> record,
            String dlqTopic,
            String stage,
            String reason,
            String errorClass,
            String message) {
        RecordHeaders headers = headers(
                record.headers(),
                stage,
                reason,
                errorClass,
                message,
                record.topic(),
                record.partition(),
                record.offset());
        return new ProducerRecord<>(dlqTopic, null, record.key(), record.value(), headers);
    }
}
