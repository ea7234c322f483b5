package io.flowerstream.contracts.ids;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The project's one SHA-256 helper: image ids, archive keys, the parameters' checksum in a model
 * version's metadata and the training manifest's hash are all this function of the bytes, in
 * lower-case hex.
 */
public final class Sha256 {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {}

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /** The lower-case hex SHA-256 of everything {@code in} has left, read piece by piece (a large file). */
    public static String hex(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return hex(digest);
    }

    /** The lower-case hex form of a finished digest (of a stream hashed piece by piece). */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A fresh SHA-256 digest, for hashing a stream without holding it in memory. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java 17 runtime must have", e);
        }
    }

    /** Whether {@code text} is a lower-case hex SHA-256 (64 characters of 0-9 and a-f). */
    public static boolean isHex(String text) {
        return text != null && HEX.matcher(text).matches();
    }
}
