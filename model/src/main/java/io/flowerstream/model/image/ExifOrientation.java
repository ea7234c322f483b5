package io.flowerstream.model.image;

import java.awt.image.BufferedImage;

/**
 * Turns an image as stored into the image as a camera meant it to be seen, following the EXIF
 * orientation tag (1 upright; 2-8 the mirrors and quarter turns), so the network sees upright
 * flowers whichever way the phone was held.
 */
final class ExifOrientation {

    private ExifOrientation() {}

    /** The upright image; {@code image} itself when {@code orientation} is 1 or not a valid tag value. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swaps = orientation >= 5;
        int outW = swaps ? h : w;
        int outH = swaps ? w : h;
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[outW * outH];
        for (int dy = 0; dy < outH; dy++) {
            for (int dx = 0; dx < outW; dx++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> {
                        sx = w - 1 - dx;
                        sy = dy;
                    }
                    case 3 -> {
                        sx = w - 1 - dx;
                        sy = h - 1 - dy;
                    }
                    case 4 -> {
                        sx = dx;
                        sy = h - 1 - dy;
                    }
                    case 5 -> {
                        sx = dy;
                        sy = dx;
                    }
                    case 6 -> {
                        sx = dy;
                        sy = h - 1 - dx;
                    }
                    case 7 -> {
                        sx = w - 1 - dy;
                        sy = h - 1 - dx;
                    }
                    default -> {
                        sx = w - 1 - dy;
                        sy = dx;
                    }
                }
                dst[dy * outW + dx] = src[sy * w + sx];
            }
        }
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, outW, outH, dst, 0, outW);
        return out;
    }
}
