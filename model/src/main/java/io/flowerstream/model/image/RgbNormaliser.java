package io.flowerstream.model.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns whatever ImageIO decoded (grey, grey+alpha, RGBA, 16-bit, palette) into 8-bit RGB.
 *
 * <p>Samples are read from the raster as stored, not through Java2D colour conversion, which
 * treats grey PNGs as linear and would brighten them; this matches what PIL (and so the Keras
 * seed) does. Transparent pixels are composited over white, as a viewer shows them.
 */
final class RgbNormaliser {

    private static final int WHITE = 255;

    private RgbNormaliser() {}

    static BufferedImage toRgb(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        if (image.getColorModel() instanceof IndexColorModel) {
            return fromPalette(image);
        }
        return fromSamples(image);
    }

    private static BufferedImage fromPalette(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int a = argb >>> 24;
                row[x] = pack(over(argb >> 16 & 0xFF, a), over(argb >> 8 & 0xFF, a), over(argb & 0xFF, a));
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    private static BufferedImage fromSamples(BufferedImage image) {
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        int bands = raster.getNumBands();
        boolean alpha = model.hasAlpha();
        int colourBands = alpha ? bands - 1 : bands;
        if (colourBands != 1 && colourBands != 3) {
            throw new IllegalArgumentException("cannot turn an image with " + bands + " bands into RGB");
        }
        int[] max = new int[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = (1 << raster.getSampleModel().getSampleSize(b)) - 1;
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] samples = new int[w * bands];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, samples);
            for (int x = 0, s = 0; x < w; x++, s += bands) {
                int a = alpha ? to8(samples[s + bands - 1], max[bands - 1]) : 255;
                int r = to8(samples[s], max[0]);
                int g = colourBands == 1 ? r : to8(samples[s + 1], max[1]);
                int bl = colourBands == 1 ? r : to8(samples[s + 2], max[2]);
                row[x] = pack(over(r, a), over(g, a), over(bl, a));
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** Scales a sample of any bit depth to 0..255, rounding to nearest. */
    private static int to8(int sample, int max) {
        return max == 255 ? sample : (int) ((sample * 255L + max / 2) / max);
    }

    /** The 8-bit colour value composited over white with 8-bit alpha {@code a}. */
    private static int over(int c, int a) {
        return a == 255 ? c : (c * a + WHITE * (255 - a) + 127) / 255;
    }

    private static int pack(int r, int g, int b) {
        return r << 16 | g << 8 | b;
    }
}
