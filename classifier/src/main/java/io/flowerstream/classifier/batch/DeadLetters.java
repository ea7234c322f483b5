package io.flowerstream.classifier.batch;

import io.flowerstream.classifier.metrics.DeadLetterCause;
import io.flowerstream.model.events.Headers;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the headers of a dead letter: the input's own headers, then {@code error.stage},
 * {@code error.reason}, {@code error.class}, {@code error.message} and where it came from,
 * so that a dead letter can be understood and replayed without the logs.
 */
public final class DeadLetters {

    /** Longest {@code error.message} kept: a header, not a log file. */
    static final int MAX_MESSAGE = 1000;

    private DeadLetters() {
    }

    /** The input's headers plus the error headers. */
    public static RecordHeaders headers(org.apache.kafka.common.header.Headers input, DeadLetterCause cause,
                                        String errorClass, String message, String topic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders(input == null ? new org.apache.kafka.common.header.Header[0] : input.toArray());
        for (String name : new String[] {Headers.ERROR_STAGE, Headers.ERROR_REASON, Headers.ERROR_CLASS,
                Headers.ERROR_MESSAGE, Headers.SOURCE_TOPIC, Headers.SOURCE_PARTITION, Headers.SOURCE_OFFSET}) {
            headers.remove(name);
        }
        headers.add(Headers.ERROR_STAGE, utf8(cause.stage()));
        headers.add(Headers.ERROR_REASON, utf8(cause.reason()));
        if (errorClass != null) {
            headers.add(Headers.ERROR_CLASS, utf8(errorClass));
        }
        if (message != null) {
            headers.add(Headers.ERROR_MESSAGE, utf8(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message));
        }
        if (topic != null) {
            headers.add(Headers.SOURCE_TOPIC, utf8(topic));
            headers.add(Headers.SOURCE_PARTITION, utf8(Integer.toString(partition)));
            headers.add(Headers.SOURCE_OFFSET, utf8(Long.toString(offset)));
        }
        return headers;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
