package io.flowerstream.contracts.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;

/** Record header names of the topics (docs/design.md), and reading one as text. */
public final class Headers {

    /** On {@code flowers.images}: the true label, which marks a labelled (training) image. */
    public static final String LABEL = "label";
    /** On {@code flowers.images}: {@code image/jpeg} or {@code image/png}, informational. */
    public static final String CONTENT_TYPE = "content-type";
    /** On {@code flowers.images}: who published it (e.g. {@code ingest-cli}, {@code ingest-http}). */
    public static final String SOURCE = "source";

    /**
     * On dead letters: the stage that refused the record ({@code deserialize}, {@code decode}, {@code predict}, ...).
     */
    public static final String ERROR_STAGE = "error.stage";
    /** On dead letters: the stable reason code ({@code truncated}, {@code not_an_image}, ...). */
    public static final String ERROR_REASON = "error.reason";
    /** On dead letters: the exception class, where an exception was the cause. */
    public static final String ERROR_CLASS = "error.class";
    /** On dead letters: a human-readable message. */
    public static final String ERROR_MESSAGE = "error.message";
    /** On dead letters: where the record came from. */
    public static final String SOURCE_TOPIC = "source.topic";

    public static final String SOURCE_PARTITION = "source.partition";
    public static final String SOURCE_OFFSET = "source.offset";

    private Headers() {}

    /** The last header named {@code name} as UTF-8 text, or null. */
    public static String text(org.apache.kafka.common.header.Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** UTF-8 bytes of a header value. */
    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
