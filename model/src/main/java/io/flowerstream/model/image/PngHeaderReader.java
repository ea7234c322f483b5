package io.flowerstream.model.image;

import io.flowerstream.model.image.ImageRejectedException.RejectStage;
import java.util.zip.CRC32;

/**
 * Reads a PNG's dimensions from its IHDR chunk and checks that the chunk chain reaches IEND,
 * by hopping over chunk lengths without inflating anything.
 */
final class PngHeaderReader {

    private static final int SIGNATURE_LENGTH = 8;
    private static final int IHDR_LENGTH = 13;

    private PngHeaderReader() {}

    static ImageHeader read(byte[] bytes, String source) throws ImageRejectedException {
        int pos = SIGNATURE_LENGTH;
        if (bytes.length < pos + 8 + IHDR_LENGTH + 4) {
            throw reject(RejectReason.TRUNCATED, source, "PNG ends inside its IHDR header");
        }
        int length = readInt(bytes, pos);
        if (length != IHDR_LENGTH || !type(bytes, pos + 4).equals("IHDR")) {
            throw reject(RejectReason.CORRUPT, source, "PNG does not start with a valid IHDR chunk");
        }
        checkCrc(bytes, pos, length, source);
        long width = readInt(bytes, pos + 8) & 0xFFFFFFFFL;
        long height = readInt(bytes, pos + 12) & 0xFFFFFFFFL;
        // The spec caps each side at 2^31-1; larger values only come from broken or hostile files.
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw reject(
                    RejectReason.CORRUPT,
                    source,
                    "PNG header claims " + width + "x" + height + " pixels, beyond the format's range");
        }
        requireEnd(bytes, pos + 8 + length + 4, source);
        return new ImageHeader(ImageFormat.PNG, (int) width, (int) height, 1);
    }

    private static void requireEnd(byte[] bytes, int start, String source) throws ImageRejectedException {
        long pos = start;
        while (pos + 8 <= bytes.length) {
            long length = readInt(bytes, (int) pos) & 0xFFFFFFFFL;
            String type = type(bytes, (int) pos + 4);
            long next = pos + 8 + length + 4;
            if (next > bytes.length) {
                throw reject(RejectReason.TRUNCATED, source, "PNG ends inside its " + printable(type) + " chunk");
            }
            if (type.equals("IEND")) {
                return;
            }
            pos = next;
        }
        throw reject(RejectReason.TRUNCATED, source, "PNG has no IEND chunk");
    }

    private static void checkCrc(byte[] bytes, int chunkStart, int length, String source)
            throws ImageRejectedException {
        CRC32 crc = new CRC32();
        crc.update(bytes, chunkStart + 4, 4 + length);
        long stored = readInt(bytes, chunkStart + 8 + length) & 0xFFFFFFFFL;
        if (crc.getValue() != stored) {
            throw reject(RejectReason.CORRUPT, source, "PNG IHDR chunk fails its CRC check");
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static String type(byte[] b, int at) {
        return new String(b, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> Character.isLetter(c)) ? type : "unnamed";
    }

    private static ImageRejectedException reject(RejectReason reason, String source, String detail) {
        return new ImageRejectedException(reason, RejectStage.GUARD, source, detail);
    }
}
