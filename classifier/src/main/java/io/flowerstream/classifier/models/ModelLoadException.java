package io.flowerstream.classifier.models;

import java.util.Locale;

/** A model version that could not be fetched or loaded, with a stable reason for the failure metric. */
public final class ModelLoadException extends Exception {

    /** Why a version was refused; the lower-case name is the metric's {@code reason} tag. */
    public enum Reason {
        /** The version (or the alias) does not exist. */
        NOT_FOUND(true),
        /** The bytes do not match the recorded SHA-256. */
        INTEGRITY(false),
        /** The bytes are not this network's weights (wrong shape, truncated, corrupt). */
        MALFORMED(false),
        /** The store could not be reached or answered with an error. */
        UNAVAILABLE(true),
        /** The weights loaded but a forward pass failed. */
        WARMUP(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether trying the same version again later may succeed. */
        public boolean retryable() {
            return retryable;
        }

        /** The metric tag value. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final int version;

    public ModelLoadException(Reason reason, int version, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.version = version;
    }

    public ModelLoadException(Reason reason, int version, String message) {
        this(reason, version, message, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The version that failed, or 0 where none was known (an alias lookup). */
    public int version() {
        return version;
    }
}
