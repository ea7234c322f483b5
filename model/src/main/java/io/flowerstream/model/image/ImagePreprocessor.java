package io.flowerstream.model.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.nio.BufferOverflowException;
import java.nio.FloatBuffer;

/**
 * Turns a decoded image into the network's input: stretched to {@code size x size} without
 * cropping (as the Keras seed's {@code load_img(target_size=...)} does), bilinear, RGB, scaled
 * to [0,1], laid out channel-major (CHW: every R, then every G, then every B).
 *
 * <p>The resize reads the decoded pixels straight from the image's data buffer and writes
 * floats straight into the caller's buffer, so filling a reusable direct buffer per batch slot
 * allocates nothing per image. Immutable and thread-safe.
 */
public final class ImagePreprocessor {

    /** The seed network's input side. */
    public static final int DEFAULT_SIZE = 150;

    private static final float SCALE = 1f / 255f;

    private final int size;

    /** A preprocessor for the seed's 150x150 input. */
    public ImagePreprocessor() {
        this(DEFAULT_SIZE);
    }

    /** A preprocessor for {@code size x size} inputs; tests use small sizes. */
    public ImagePreprocessor(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("target size must be positive, was " + size);
        }
        this.size = size;
    }

    /** The side of the square output, in pixels. */
    public int size() {
        return size;
    }

    /** How many floats one image takes: {@code 3 * size * size}. */
    public int floatsPerImage() {
        return 3 * size * size;
    }

    /** {@link #writeChw(BufferedImage, FloatBuffer)} for a decoded image. */
    public void writeChw(DecodedImage image, FloatBuffer dst) {
        writeChw(image.image(), dst);
    }

    /**
     * Writes {@link #floatsPerImage()} floats at {@code dst}'s position and advances the
     * position past them, as a relative bulk {@code put} does.
     *
     * @throws BufferOverflowException if fewer floats than that remain; nothing is written then
     */
    public void writeChw(BufferedImage image, FloatBuffer dst) {
        int floats = floatsPerImage();
        if (dst.remaining() < floats) {
            throw new BufferOverflowException();
        }
        int base = dst.position();
        resizeInto(pixelsOf(image), image.getWidth(), image.getHeight(), dst, base);
        dst.position(base + floats);
    }

    /** A fresh CHW array; convenient for tests and one-off predictions, allocates per call. */
    public float[] toChw(DecodedImage image) {
        return toChw(image.image());
    }

    /** A fresh CHW array; convenient for tests and one-off predictions, allocates per call. */
    public float[] toChw(BufferedImage image) {
        float[] out = new float[floatsPerImage()];
        writeChw(image, FloatBuffer.wrap(out));
        return out;
    }

    private void resizeInto(Pixels pixels, int w, int h, FloatBuffer dst, int base) {
        int plane = size * size;
        float xScale = (float) w / size;
        float yScale = (float) h / size;
        for (int oy = 0; oy < size; oy++) {
            // Pixel centres line up (half-pixel offset), as in PIL and OpenCV.
            float sy = clamp((oy + 0.5f) * yScale - 0.5f, h - 1);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, h - 1);
            float fy = sy - y0;
            for (int ox = 0; ox < size; ox++) {
                float sx = clamp((ox + 0.5f) * xScale - 0.5f, w - 1);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, w - 1);
                float fx = sx - x0;
                int p00 = pixels.rgb(x0, y0);
                int p10 = pixels.rgb(x1, y0);
                int p01 = pixels.rgb(x0, y1);
                int p11 = pixels.rgb(x1, y1);
                int at = base + oy * size + ox;
                dst.put(at, lerp(p00 >> 16 & 0xFF, p10 >> 16 & 0xFF, p01 >> 16 & 0xFF, p11 >> 16 & 0xFF, fx, fy));
                dst.put(at + plane, lerp(p00 >> 8 & 0xFF, p10 >> 8 & 0xFF, p01 >> 8 & 0xFF, p11 >> 8 & 0xFF, fx, fy));
                dst.put(at + 2 * plane, lerp(p00 & 0xFF, p10 & 0xFF, p01 & 0xFF, p11 & 0xFF, fx, fy));
            }
        }
    }

    private static float lerp(int c00, int c10, int c01, int c11, float fx, float fy) {
        float top = c00 + (c10 - c00) * fx;
        float bottom = c01 + (c11 - c01) * fx;
        return (top + (bottom - top) * fy) * SCALE;
    }

    private static float clamp(float v, int max) {
        return v < 0f ? 0f : Math.min(v, max);
    }

    /** Packed 0xRRGGBB pixels of an image, read without Java2D's per-pixel colour conversion where the layout allows. */
    private interface Pixels {
        int rgb(int x, int y);
    }

    private static Pixels pixelsOf(BufferedImage image) {
        WritableRaster raster = image.getRaster();
        boolean unshifted = raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0;
        if (unshifted && image.getType() == BufferedImage.TYPE_INT_RGB) {
            int[] data = ((DataBufferInt) raster.getDataBuffer()).getData();
            int offset = raster.getDataBuffer().getOffset();
            int stride = ((SinglePixelPackedSampleModel) raster.getSampleModel()).getScanlineStride();
            return (x, y) -> data[offset + y * stride + x];
        }
        if (unshifted && image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
            PixelInterleavedSampleModel model = (PixelInterleavedSampleModel) raster.getSampleModel();
            int offset = raster.getDataBuffer().getOffset();
            int stride = model.getScanlineStride();
            int step = model.getPixelStride();
            int[] bands = model.getBandOffsets();
            int r = bands[0];
            int g = bands[1];
            int b = bands[2];
            return (x, y) -> {
                int at = offset + y * stride + x * step;
                return (data[at + r] & 0xFF) << 16 | (data[at + g] & 0xFF) << 8 | (data[at + b] & 0xFF);
            };
        }
        // Any other image (a sub-image, a caller's ARGB image): slower, but correct.
        return image::getRGB;
    }
}
