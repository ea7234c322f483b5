package io.flowerstream.model.image;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells the format of some bytes from their magic numbers alone, never from a file name
 * or a content-type header, which senders get wrong.
 */
final class FormatSniffer {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private FormatSniffer() {}

    /** The accepted format the bytes start with, if any. */
    static Optional<ImageFormat> accepted(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Optional.of(ImageFormat.JPEG);
        }
        if (startsWith(bytes, 0, PNG_SIGNATURE)) {
            return Optional.of(ImageFormat.PNG);
        }
        return Optional.empty();
    }

    /**
     * The name of a well-known image format that is not accepted, if the bytes start like one;
     * lets the refusal say "convert it" rather than "this is not an image".
     */
    static Optional<String> unsupportedImage(byte[] bytes) {
        if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
            return Optional.of("GIF");
        }
        if (startsWith(bytes, 0, ascii("BM")) && bytes.length >= 14) {
            return Optional.of("BMP");
        }
        if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
            return Optional.of("WebP");
        }
        if (startsWith(bytes, 0, new byte[] {'I', 'I', 42, 0}) || startsWith(bytes, 0, new byte[] {'M', 'M', 0, 42})) {
            return Optional.of("TIFF");
        }
        if (startsWith(bytes, 4, ascii("ftyp"))) {
            return Optional.of("HEIF/AVIF");
        }
        return Optional.empty();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
