package io.flowerstream.model.image;

/**
 * Picks how far a JPEG is shrunk while it is decoded: libjpeg-turbo can leave out the high
 * frequencies of each 8x8 block and write 1/2, 1/4 or 1/8 of the pixels on each side, which
 * costs a fraction of a full decode and averages the pixels it drops (where a bilinear resize of
 * the full image would skip most of them).
 *
 * <p>The preprocessor stretches each side to the target on its own, so the rule looks at the
 * shorter side: the largest denominator that keeps it at or above {@link #MIN_SIDE_SHARE} of
 * the target. At 1.0 a 500x375 photo decodes at 1/2 (250x188) but a 320x240 one, the common
 * size in the shared photo sets, in full. At 2/3 the 320x240 one would decode at 1/2 as 160x120
 * and be stretched back up: faster, but its input then differs from the full decode's by about
 * 4.5 grey levels on average and a network trained on full decodes changed 3% of its labels,
 * against 1.6 levels and no change on the photos without upscaling ({@code DecodeBenchmark}
 * prints both rules; docs/image-decoding.md has the table). So a photo is never shrunk below
 * the target.
 */
final class DctScale {

    /** The shortest side a reduced decode may have, as a share of the target side. */
    static final double MIN_SIDE_SHARE = 1.0;

    private static final int LARGEST_DENOMINATOR = 8;

    private DctScale() {
    }

    /**
     * 1, 2, 4 or 8: the largest reduction whose shorter side is still at least
     * {@code minSideShare * targetSize} pixels (sides round up, as libjpeg's do).
     */
    static int denominator(int width, int height, int targetSize, double minSideShare) {
        if (targetSize <= 0) {
            return 1;
        }
        double minSide = minSideShare * targetSize;
        int shorter = Math.min(width, height);
        int denominator = 1;
        while (denominator < LARGEST_DENOMINATOR && ceilDiv(shorter, denominator * 2) >= minSide) {
            denominator *= 2;
        }
        return denominator;
    }

    /** {@link #denominator(int, int, int, double)} with {@link #MIN_SIDE_SHARE}. */
    static int denominator(int width, int height, int targetSize) {
        return denominator(width, height, targetSize, MIN_SIDE_SHARE);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
