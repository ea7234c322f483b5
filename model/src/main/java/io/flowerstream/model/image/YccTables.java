package io.flowerstream.model.image;

/**
 * YCbCr to RGB as libjpeg computes it (jdcolor.c's method): the JFIF equations
 * {@code R = Y + 1.402 Cr'}, {@code G = Y - 0.34414 Cb' - 0.71414 Cr'}, {@code B = Y + 1.772 Cb'}
 * (with {@code Cb' = Cb - 128}) in 16-bit fixed point, one table lookup per term.
 */
final class YccTables {

    private static final int SCALE_BITS = 16;
    private static final int HALF = 1 << (SCALE_BITS - 1);

    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i - 128;
            CR_R[i] = (fix(1.40200) * c + HALF) >> SCALE_BITS;
            CB_B[i] = (fix(1.77200) * c + HALF) >> SCALE_BITS;
            CR_G[i] = -fix(0.71414) * c;
            CB_G[i] = -fix(0.34414) * c + HALF;
        }
    }

    private YccTables() {}

    /** The packed 0xRRGGBB pixel of one YCbCr sample triple (each 0..255). */
    static int rgb(int luma, int cb, int cr) {
        int r = clamp(luma + CR_R[cr]);
        int g = clamp(luma + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS));
        int b = clamp(luma + CB_B[cb]);
        return r << 16 | g << 8 | b;
    }

    private static int fix(double x) {
        return (int) (x * (1 << SCALE_BITS) + 0.5);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
