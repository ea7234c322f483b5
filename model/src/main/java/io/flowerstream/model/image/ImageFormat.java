package io.flowerstream.model.image;

/** The image formats the pipeline accepts, with the names used in object keys and HTTP headers. */
public enum ImageFormat {
    JPEG("jpg", "image/jpeg"),
    PNG("png", "image/png");

    private final String extension;
    private final String contentType;

    ImageFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** File extension without the dot, as used in {@code images/<label>/<sha256>.<ext>}. */
    public String extension() {
        return extension;
    }

    /** The MIME type, e.g. for the {@code content-type} Kafka header. */
    public String contentType() {
        return contentType;
    }
}
