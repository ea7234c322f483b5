package io.flowerstream.model.image;

import io.flowerstream.model.image.ImageRejectedException.RejectStage;

/**
 * Reads a JPEG's dimensions, colour components, EXIF orientation and Adobe colour transform by
 * walking its marker segments up to the first scan, and checks that an end-of-image marker
 * follows the scan, all without decoding any pixel data.
 */
final class JpegHeaderReader {

    private static final int SOI_LENGTH = 2;
    private static final int EXIF_ORIENTATION_TAG = 0x0112;

    private JpegHeaderReader() {}

    static ParsedHeader read(byte[] bytes, String source) throws ImageRejectedException {
        int pos = SOI_LENGTH;
        int width = -1;
        int height = -1;
        int components = 0;
        int orientation = 1;
        int adobeTransform = ParsedHeader.NO_ADOBE_SEGMENT;
        boolean jfif = false;
        boolean rgbIds = false;
        while (true) {
            if (pos >= bytes.length) {
                throw reject(RejectReason.TRUNCATED, source, "JPEG ends before its first scan");
            }
            if ((bytes[pos] & 0xFF) != 0xFF) {
                throw reject(RejectReason.CORRUPT, source, "JPEG has no marker where one must be, at byte " + pos);
            }
            // Any number of 0xFF fill bytes may precede a marker code.
            while (pos < bytes.length && (bytes[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos >= bytes.length) {
                throw reject(RejectReason.TRUNCATED, source, "JPEG ends before its first scan");
            }
            int marker = bytes[pos] & 0xFF;
            pos++;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // standalone markers carry no length
            }
            if (marker == 0xD9 || marker == 0xD8 || marker == 0x00) {
                throw reject(
                        RejectReason.CORRUPT,
                        source,
                        String.format("JPEG has an unexpected marker 0x%02X before its first scan", marker));
            }
            if (pos + 2 > bytes.length) {
                throw reject(RejectReason.TRUNCATED, source, "JPEG ends inside a marker segment");
            }
            int length = readShort(bytes, pos);
            if (length < 2) {
                throw reject(
                        RejectReason.CORRUPT,
                        source,
                        String.format("JPEG marker 0x%02X has an impossible length %d", marker, length));
            }
            int segmentEnd = pos + length;
            if (segmentEnd > bytes.length) {
                throw reject(RejectReason.TRUNCATED, source, "JPEG ends inside a marker segment");
            }
            int data = pos + 2;
            if (isStartOfFrame(marker)) {
                if (length < 8) {
                    throw reject(RejectReason.CORRUPT, source, "JPEG frame header is too short");
                }
                height = readShort(bytes, data + 1);
                width = readShort(bytes, data + 3);
                components = bytes[data + 5] & 0xFF;
                rgbIds = components == 3
                        && length >= 17
                        && bytes[data + 6] == 'R'
                        && bytes[data + 9] == 'G'
                        && bytes[data + 12] == 'B';
            } else if (marker == 0xE0 && segmentEnd - data >= 5 && matches(bytes, data, "JFIF")) {
                jfif = true;
            } else if (marker == 0xE1) {
                orientation = exifOrientation(bytes, data, segmentEnd);
            } else if (marker == 0xEE && segmentEnd - data >= 12 && matches(bytes, data, "Adobe")) {
                adobeTransform = bytes[data + 11] & 0xFF;
            } else if (marker == 0xDA) {
                if (width < 0) {
                    throw reject(RejectReason.CORRUPT, source, "JPEG has a scan but no frame header");
                }
                requireEndOfImage(bytes, segmentEnd, source);
                boolean ycc = jfif || (adobeTransform == ParsedHeader.NO_ADOBE_SEGMENT ? !rgbIds : adobeTransform != 0);
                return new ParsedHeader(
                        new ImageHeader(ImageFormat.JPEG, width, height, orientation), components, adobeTransform, ycc);
            }
            pos = segmentEnd;
        }
    }

    /**
     * Entropy-coded data escapes every 0xFF as FF 00, so an FF D9 after the first scan header
     * can only be the real end-of-image marker; searching back from the end finds it at once
     * in an intact file, even one with trailing bytes after it.
     */
    private static void requireEndOfImage(byte[] bytes, int scanData, String source) throws ImageRejectedException {
        for (int i = bytes.length - 2; i >= scanData; i--) {
            if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xD9) {
                return;
            }
        }
        throw reject(RejectReason.TRUNCATED, source, "JPEG has no end-of-image marker after its scan data");
    }

    private static boolean isStartOfFrame(int marker) {
        // C4 (Huffman tables), C8 (reserved) and CC (arithmetic conditioning) share the range.
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /**
     * The orientation tag of IFD0, or 1 where the EXIF block is absent or unreadable: bad EXIF is no reason to refuse a
     * photo.
     */
    private static int exifOrientation(byte[] b, int data, int end) {
        if (end - data < 14 || !matches(b, data, "Exif") || b[data + 4] != 0 || b[data + 5] != 0) {
            return 1;
        }
        int tiff = data + 6;
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long ifd = tiff + (readInt(b, tiff + 4, little) & 0xFFFFFFFFL);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = readShort(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > end) {
                return 1;
            }
            if (readShort(b, (int) entry, little) == EXIF_ORIENTATION_TAG) {
                int value = readShort(b, (int) entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static boolean matches(byte[] b, int at, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (b[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int readShort(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int readShort(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) : readShort(b, at);
    }

    private static int readInt(byte[] b, int at, boolean little) {
        return little
                ? (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((b[at + 2] & 0xFF) << 16) | ((b[at + 3] & 0xFF) << 24)
                : ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static ImageRejectedException reject(RejectReason reason, String source, String detail) {
        return new ImageRejectedException(reason, RejectStage.GUARD, source, detail);
    }
}
