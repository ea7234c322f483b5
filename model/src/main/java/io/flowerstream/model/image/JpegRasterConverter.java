package io.flowerstream.model.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
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

    private JpegRasterConverter() {
    }

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
     *
     * <p>Reads the raster's bytes and writes the image's ints directly: per-row
     * {@code getPixels}/{@code setRGB} would cost as much as the JPEG decode itself.
     */
    static BufferedImage yccToRgb(Raster raster) {
        if (raster.getNumBands() != 3) {
            throw new IllegalArgumentException("a YCbCr raster has 3 bands, this one " + raster.getNumBands());
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        if (raster.getDataBuffer() instanceof DataBufferByte bytes
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel model) {
            byte[] data = bytes.getData();
            int stride = model.getScanlineStride();
            int step = model.getPixelStride();
            int[] bands = model.getBandOffsets();
            // A raster may be a view into a larger buffer: its origin sits at this offset.
            int origin = bytes.getOffset() + model.getOffset(raster.getMinX() - raster.getSampleModelTranslateX(),
                    raster.getMinY() - raster.getSampleModelTranslateY());
            for (int y = 0; y < h; y++) {
                int at = origin + y * stride;
                int row = y * w;
                for (int x = 0; x < w; x++, at += step) {
                    rgb[row + x] = YccTables.rgb(data[at + bands[0]] & 0xFF, data[at + bands[1]] & 0xFF, data[at + bands[2]] & 0xFF);
                }
            }
            return out;
        }
        int[] samples = new int[w * 3];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, samples);
            for (int x = 0, s = 0; x < w; x++, s += 3) {
                rgb[y * w + x] = YccTables.rgb(samples[s], samples[s + 1], samples[s + 2]);
            }
        }
        return out;
    }
}
