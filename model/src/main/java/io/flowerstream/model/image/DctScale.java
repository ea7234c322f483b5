package io.flowerstream.model.image;

/**
 * Picks how far a JPEG is shrunk while it is decoded: libjpeg-turbo can leave out the high
 * frequencies of each 8x8 block and write 1/2, 1/4 or 1/8 of the pixels on each side, which
 * costs a fraction of a full decode and averages the pixels it drops (where a bilinear resize of
 * the full image would skip most of them).
 *
 * <p>The preprocessor stretches each side to the target on its own, so the rule looks at the
 * shorter side: the largest denominator that keeps it at or above {@link #MIN_SIDE_SHARE} times
 * the target. The default, twice the target (300 px for 150), shrinks a phone's 4000x3000 photo
 * to 500x375 (1/8), the size of the photos the network was trained on, so the bilinear resize
 * sees what it saw in training; photos of the shared sets (at most 500 px) are decoded whole
 * and give the network exactly the input ImageIO gave. Shrinking further costs agreement with
 * models trained on whole decodes: with a model trained for 4 epochs on ImageIO's input, a
 * floor of 150 px changed 9 of the 500 eval photos' labels (1.8%) and a floor of 100 px 16
 * (3.2%), against none when decoded whole ({@code ./flowerstream bench-decode} prints all
 * three; docs/image-decoding.md has the table).
 */
final class DctScale {

    /** The shortest side a reduced decode may have, as a share of the target side. */
    static final double MIN_SIDE_SHARE = 2.0;

    private static final int LARGEST_DENOMINATOR = 8;

    private DctScale() {}

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
