package io.flowerstream.model.image;

/**
 * How a JPEG was encoded, as far as its headers tell: the IJG quality its luminance quantisation table
 * corresponds to, and its chroma subsampling. A photo re-encoded by a web service or a messenger
 * typically drops in quality and moves to 4:2:0, which is one sign of photos from another source.
 *
 * @param quality estimated IJG quality 1-100, or -1 when unknown (not a JPEG, no table found)
 * @param chroma  the subsampling of the colour channels
 */
public record JpegEncoding(int quality, Chroma chroma) {

    /** Chroma subsampling, from the frame header's sampling factors. */
    public enum Chroma {
        /** Not a JPEG, or a header this reader could not follow. */
        UNKNOWN,
        /** One component: a greyscale JPEG. */
        GREY,
        /** Colour at full resolution. */
        S444,
        /** Colour at half horizontal resolution. */
        S422,
        /** Colour at half resolution both ways, what most cameras and web encoders write. */
        S420,
        /** Any other layout (4:1:1, 4:4:0, CMYK). */
        OTHER
    }

    /** For PNGs and anything unreadable. */
    public static final JpegEncoding UNKNOWN = new JpegEncoding(-1, Chroma.UNKNOWN);

    /** IJG's standard luminance table (ITU T.81 Annex K), whose scaled copies libjpeg writes for qualities 1-100. */
    private static final int[] STANDARD_LUMINANCE = {
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99
    };

    private static final int STANDARD_SUM = sum(STANDARD_LUMINANCE);

    /**
     * Reads the quantisation tables and frame header of a JPEG that has already decoded; returns
     * {@link #UNKNOWN} for anything else rather than failing, since this only describes traffic.
     */
    public static JpegEncoding of(byte[] bytes) {
        if (bytes == null || bytes.length < 4 || (bytes[0] & 0xFF) != 0xFF || (bytes[1] & 0xFF) != 0xD8) {
            return UNKNOWN;
        }
        int quality = -1;
        Chroma chroma = Chroma.UNKNOWN;
        int pos = 2;
        while (pos + 4 <= bytes.length) {
            if ((bytes[pos] & 0xFF) != 0xFF) {
                break;
            }
            int marker = bytes[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
                continue;
            }
            int length = ((bytes[pos + 2] & 0xFF) << 8) | (bytes[pos + 3] & 0xFF);
            int data = pos + 4;
            int end = pos + 2 + length;
            if (length < 2 || end > bytes.length) {
                break;
            }
            if (marker == 0xDB && quality < 0) {
                quality = luminanceQuality(bytes, data, end);
            } else if (isStartOfFrame(marker) && end - data >= 6) {
                chroma = chroma(bytes, data, end);
            } else if (marker == 0xDA) {
                break;
            }
            pos = end;
        }
        return new JpegEncoding(quality, chroma);
    }

    /** The IJG quality of table 0 in a DQT segment, from the ratio of its sum to the standard table's. */
    private static int luminanceQuality(byte[] b, int at, int end) {
        while (at < end) {
            int precision = (b[at] & 0xFF) >> 4;
            int id = b[at] & 0x0F;
            int entryBytes = precision == 0 ? 1 : 2;
            if (at + 1 + 64 * entryBytes > end) {
                return -1;
            }
            if (id == 0) {
                int total = 0;
                for (int i = 0; i < 64; i++) {
                    int p = at + 1 + i * entryBytes;
                    total += entryBytes == 1 ? b[p] & 0xFF : ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
                }
                // libjpeg scales the standard table by s% (quality q: s = 5000/q below 50, 200 - 2q from 50).
                double scale = 100.0 * total / STANDARD_SUM;
                double q = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
                return (int) Math.max(1, Math.min(100, Math.round(q)));
            }
            at += 1 + 64 * entryBytes;
        }
        return -1;
    }

    private static Chroma chroma(byte[] b, int data, int end) {
        int components = b[data + 5] & 0xFF;
        if (components == 1) {
            return Chroma.GREY;
        }
        if (components != 3 || data + 6 + 9 > end) {
            return Chroma.OTHER;
        }
        int lumaH = (b[data + 7] & 0xFF) >> 4;
        int lumaV = b[data + 7] & 0x0F;
        int cbH = (b[data + 10] & 0xFF) >> 4;
        int cbV = b[data + 10] & 0x0F;
        int crH = (b[data + 13] & 0xFF) >> 4;
        int crV = b[data + 13] & 0x0F;
        if (cbH != crH || cbV != crV || cbH == 0 || cbV == 0) {
            return Chroma.OTHER;
        }
        int h = lumaH / cbH;
        int v = lumaV / cbV;
        if (h == 1 && v == 1) {
            return Chroma.S444;
        }
        if (h == 2 && v == 1) {
            return Chroma.S422;
        }
        if (h == 2 && v == 2) {
            return Chroma.S420;
        }
        return Chroma.OTHER;
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static int sum(int[] values) {
        int total = 0;
        for (int v : values) {
            total += v;
        }
        return total;
    }
}
