package io.flowerstream.model.image;

/**
 * Why an input was refused as an image: the stable code goes into dead-letter headers,
 * HTTP error bodies and metric tags, so codes never change once published.
 */
public enum RejectReason {
    /** No bytes at all. */
    EMPTY("empty", "send the file's contents, not an empty body"),
    /** More bytes than {@link ImageLimits#maxBytes()}. */
    TOO_LARGE("too_large", "shrink or recompress the image below the size limit"),
    /** The bytes start like no image format at all (text, HTML, random data). */
    NOT_AN_IMAGE("not_an_image", "send a JPEG or PNG file"),
    /** A recognised image format that is not supported (GIF, BMP, WebP, TIFF, HEIF). */
    UNSUPPORTED_FORMAT("unsupported_format", "convert the image to JPEG or PNG"),
    /** The file ends early: a JPEG without its end-of-image marker, a PNG without IEND. */
    TRUNCATED("truncated", "send the complete file; it was cut short in transfer or storage"),
    /** The header claims more pixels than {@link ImageLimits#maxPixels()}. */
    TOO_MANY_PIXELS("too_many_pixels", "downscale the image below the pixel limit"),
    /** The header claims a width or height of zero. */
    TOO_SMALL("too_small", "send an image with at least one pixel on each side"),
    /** The structure or the compressed data is broken in a way other than truncation. */
    CORRUPT("corrupt", "re-export the image from its original; this file cannot be decoded");

    private final String code;
    private final String advice;

    RejectReason(String code, String advice) {
        this.code = code;
        this.advice = advice;
    }

    /** The stable lower-case code, e.g. {@code too_large}. */
    public String code() {
        return code;
    }

    /** What the sender can do about it, for failure messages. */
    public String advice() {
        return advice;
    }
}
