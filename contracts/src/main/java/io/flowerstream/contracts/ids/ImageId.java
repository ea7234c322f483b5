package io.flowerstream.contracts.ids;

/**
 * The image id ingest gives an image: the SHA-256 of the bytes in lower-case hex. Content-addressed,
 * so the same photo pushed twice is the same record key and the same archived object.
 */
public final class ImageId {

    private ImageId() {}

    /** The id of {@code bytes}. */
    public static String of(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
