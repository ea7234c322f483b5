package io.flowerstream.model.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/**
 * Turns the raw raster of a JPEG (its samples before colour conversion) into RGB: every YCbCr
 * photo (see {@link ImageDecoder} for why ImageIO's own RGB path is not used), and CMYK files,
 * whose colour conversion ImageIO gets wrong.
 *
 * <p>CMYK:
 * <p>The JDK reads such files into a CMYK colour model whose RGB view comes out wrong (all
 * black for Adobe files), and older JDKs refuse them outright, so the decoder reads the raw
 * raster and converts here with the plain formula {@code R = (1-C)(1-K)}: no ICC profile, which
 * is close enough for a 150x150 network input. Files with an Adobe APP14 segment (Photoshop,
 * ImageMagick) store the channels inverted; files without one store them as is.
 */
final class JpegRasterConverter {

    private JpegRasterConverter() {}

    /**
     * @param raster         four bands of 8-bit samples
     * @param adobeTransform the APP14 transform, or {@link ParsedHeader#NO_ADOBE_SEGMENT}
     */
    static BufferedImage cmykToRgb(Raster raster, int adobeTransform) {
        if (raster.getNumBands() != 4) {
            throw new IllegalArgumentException("a CMYK raster has 4 bands, this one " + raster.getNumBands());
        }
        boolean inverted = adobeTransform != ParsedHeader.NO_ADOBE_SEGMENT;
        int w = raster.getWidth();
        int h = raster.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] samples = new int[w * 4];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, samples);
            for (int x = 0, s = 0; x < w; x++, s += 4) {
                // keep = 255 - ink: what is left of each channel's light.
                int c = inverted ? samples[s] : 255 - samples[s];
                int m = inverted ? samples[s + 1] : 255 - samples[s + 1];
                int yel = inverted ? samples[s + 2] : 255 - samples[s + 2];
                int k = inverted ? samples[s + 3] : 255 - samples[s + 3];
                row[x] = (c * k + 127) / 255 << 16 | (m * k + 127) / 255 << 8 | (yel * k + 127) / 255;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /**
     * Converts three-channel YCbCr samples to RGB with the JFIF (BT.601 full-range) equations in
     * libjpeg's fixed-point form, so the pixels are the ones libjpeg itself would produce.
     */
    static BufferedImage yccToRgb(Raster raster) {
        RgbPixels pixels = RgbPixels.ofYcc(raster);
        int w = raster.getWidth();
        int h = raster.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                rgb[row + x] = pixels.rgb(x, y);
            }
        }
        return out;
    }
}
