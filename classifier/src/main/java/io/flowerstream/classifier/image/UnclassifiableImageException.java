package io.flowerstream.classifier.image;

import io.flowerstream.classifier.metrics.DeadLetterCause;

/**
 * An input the classifier cannot classify (no image id, no bytes, or bytes the decoder rejects),
 * with what its dead letter's headers say.
 */
public final class UnclassifiableImageException extends Exception {

    private final DeadLetterCause deadLetterCause;
    private final String causeClass;

    /**
     * @param cause      the {@code error.stage} and {@code error.reason} headers
     * @param causeClass the {@code error.class} header: the class of the underlying exception
     * @param message    the {@code error.message} header
     */
    public UnclassifiableImageException(DeadLetterCause cause, String causeClass, String message) {
        super(message);
        this.deadLetterCause = cause;
        this.causeClass = causeClass;
    }

    /** The dead letter's {@code error.stage} and {@code error.reason}. */
    public DeadLetterCause deadLetterCause() {
        return deadLetterCause;
    }

    public String causeClass() {
        return causeClass;
    }
}
