package io.flowerstream.model.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/**
 * Random access to an image's pixels as packed {@code 0xRRGGBB}, read straight from its data
 * buffer: no Java2D per-pixel colour conversion, and for a photo no full-size RGB copy at all
 * ({@link #ofYcc} converts just the pixels asked for, with libjpeg's equations).
 */
interface RgbPixels {

    /** The pixel at column {@code x}, row {@code y}, from the image's top-left corner. */
    int rgb(int x, int y);

    /**
     * The pixels of an RGB image; fastest for {@link BufferedImage#TYPE_INT_RGB} and {@link
     * BufferedImage#TYPE_3BYTE_BGR}.
     */
    static RgbPixels of(BufferedImage image) {
        WritableRaster raster = image.getRaster();
        boolean unshifted = raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0;
        if (unshifted && image.getType() == BufferedImage.TYPE_INT_RGB) {
            int[] data = ((DataBufferInt) raster.getDataBuffer()).getData();
            int offset = raster.getDataBuffer().getOffset();
            int stride = ((SinglePixelPackedSampleModel) raster.getSampleModel()).getScanlineStride();
            return (x, y) -> data[offset + y * stride + x];
        }
        if (unshifted && image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            Interleaved bytes = Interleaved.of(raster);
            return (x, y) -> {
                int at = bytes.at(x, y);
                return (bytes.data[at + bytes.first] & 0xFF) << 16
                        | (bytes.data[at + bytes.second] & 0xFF) << 8
                        | (bytes.data[at + bytes.third] & 0xFF);
            };
        }
        // Any other image (a sub-image, a caller's ARGB image): slower, but correct.
        return image::getRGB;
    }

    /** The RGB pixels of a JPEG's raw three-band YCbCr raster. */
    static RgbPixels ofYcc(Raster raster) {
        if (raster.getNumBands() != 3) {
            throw new IllegalArgumentException("a YCbCr raster has 3 bands, this one " + raster.getNumBands());
        }
        if (raster.getDataBuffer() instanceof DataBufferByte
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel) {
            Interleaved bytes = Interleaved.of(raster);
            return (x, y) -> {
                int at = bytes.at(x, y);
                return YccTables.rgb(
                        bytes.data[at + bytes.first] & 0xFF,
                        bytes.data[at + bytes.second] & 0xFF,
                        bytes.data[at + bytes.third] & 0xFF);
            };
        }
        int w = raster.getWidth();
        int[] samples = raster.getPixels(raster.getMinX(), raster.getMinY(), w, raster.getHeight(), (int[]) null);
        return (x, y) -> {
            int s = (y * w + x) * 3;
            return YccTables.rgb(samples[s], samples[s + 1], samples[s + 2]);
        };
    }

    /** Three interleaved 8-bit bands: where a pixel's bytes start, and each band's offset from there. */
    record Interleaved(byte[] data, int origin, int stride, int step, int first, int second, int third) {

        static Interleaved of(Raster raster) {
            DataBufferByte buffer = (DataBufferByte) raster.getDataBuffer();
            PixelInterleavedSampleModel model = (PixelInterleavedSampleModel) raster.getSampleModel();
            int[] bands = model.getBandOffsets();
            // A raster may be a view into a larger buffer: its first pixel starts at this offset
            // (getOffset gives the first band's byte of a pixel, hence the band offset taken off).
            int origin = buffer.getOffset()
                    + model.getOffset(
                            raster.getMinX() - raster.getSampleModelTranslateX(),
                            raster.getMinY() - raster.getSampleModelTranslateY())
                    - bands[0];
            return new Interleaved(
                    buffer.getData(),
                    origin,
                    model.getScanlineStride(),
                    model.getPixelStride(),
                    bands[0],
                    bands[1],
                    bands[2]);
        }

        int at(int x, int y) {
            return origin + y * stride + x * step;
        }
    }
}
