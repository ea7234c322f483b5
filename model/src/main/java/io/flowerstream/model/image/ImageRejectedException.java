package io.flowerstream.model.image;

import java.util.Objects;

/**
 * Signals that some bytes were refused as an image, with a typed reason that callers route
 * on (dead-letter header, HTTP 400 body) and a message that names the input and the remedy.
 */
public final class ImageRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;
    private final String sourceName;
    private final RejectStage stage;

    /** Which part of the decoder refused the input; tests use it to prove a guard fired before decoding. */
    public enum RejectStage {
        /** Size, magic bytes, header fields or the end marker: nothing was decoded. */
        GUARD,
        /** The full decode failed. */
        DECODE
    }

    ImageRejectedException(RejectReason reason, RejectStage stage, String sourceName, String detail) {
        this(reason, stage, sourceName, detail, null);
    }

    ImageRejectedException(RejectReason reason, RejectStage stage, String sourceName, String detail, Throwable cause) {
        super(sourceName + ": " + detail + " [" + reason.code() + "]: " + reason.advice(), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.sourceName = sourceName;
    }

    /** Why the input was refused. */
    public RejectReason reason() {
        return reason;
    }

    /** Shorthand for {@code reason().code()}. */
    public String code() {
        return reason.code();
    }

    /** The caller-supplied name of the input: a path, an image id. */
    public String sourceName() {
        return sourceName;
    }

    /** Whether a cheap guard or the full decode refused the input. */
    public RejectStage stage() {
        return stage;
    }
}
