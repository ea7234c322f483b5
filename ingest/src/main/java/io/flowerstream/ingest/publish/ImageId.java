package io.flowerstream.ingest.publish;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The image id ingest gives an image: the SHA-256 of the bytes in lower-case hex. Content-addressed,
 * so the same photo pushed twice is the same record key and the same archived object.
 */
public final class ImageId {

    private ImageId() {
    }

    /** The id of {@code bytes}. */
    public static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java 17 runtime must have", e);
        }
    }
}
