package io.flowerstream.classifier.image;

/** An input that is not an image the classifier accepts, with what its dead letter's headers say. */
public final class ImageRefusedException extends Exception {

    private final String stage;
    private final String reason;
    private final String causeClass;

    /**
     * @param stage      the {@code error.stage} header, e.g. {@code validate} or {@code decode}
     * @param reason     the {@code error.reason} header, a stable code such as {@code truncated}
     * @param causeClass the {@code error.class} header: the class of the underlying exception
     * @param message    the {@code error.message} header
     */
    public ImageRefusedException(String stage, String reason, String causeClass, String message) {
        super(message);
        this.stage = stage;
        this.reason = reason;
        this.causeClass = causeClass;
    }

    public String stage() {
        return stage;
    }

    public String reason() {
        return reason;
    }

    public String causeClass() {
        return causeClass;
    }
}
