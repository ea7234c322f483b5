package io.flowerstream.model.image;

import java.awt.image.BufferedImage;
import java.nio.BufferOverflowException;
import java.nio.FloatBuffer;

/**
 * Turns a decoded image into the network's input: stretched to {@code size x size} without
 * cropping (as the Keras seed's {@code load_img(target_size=...)} does), bilinear, RGB, scaled
 * to [0,1], laid out channel-major (CHW: every R, then every G, then every B).
 *
 * <p>The resize reads the decoded pixels straight from the image's data buffer (for a photo,
 * its YCbCr samples, converting only the pixels it reads) and writes rows of floats into the
 * caller's buffer, so filling a reusable direct buffer per batch slot allocates no image-sized
 * array. Immutable and thread-safe.
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

    /** {@link #writeChw(BufferedImage, FloatBuffer)} for a decoded image, reading a photo's YCbCr samples directly. */
    public void writeChw(DecodedImage image, FloatBuffer dst) {
        write(image.pixels(), image.width(), image.height(), dst);
    }

    /**
     * Writes {@link #floatsPerImage()} floats at {@code dst}'s position and advances the
     * position past them, as a relative bulk {@code put} does.
     *
     * @throws BufferOverflowException if fewer floats than that remain; nothing is written then
     */
    public void writeChw(BufferedImage image, FloatBuffer dst) {
        write(RgbPixels.of(image), image.getWidth(), image.getHeight(), dst);
    }

    private void write(RgbPixels pixels, int w, int h, FloatBuffer dst) {
        int floats = floatsPerImage();
        if (dst.remaining() < floats) {
            throw new BufferOverflowException();
        }
        int base = dst.position();
        resizeInto(pixels, w, h, dst, base);
        dst.position(base + floats);
    }

    /** A fresh CHW array; convenient for tests and one-off predictions, allocates per call. */
    public float[] toChw(DecodedImage image) {
        float[] out = new float[floatsPerImage()];
        writeChw(image, FloatBuffer.wrap(out));
        return out;
    }

    /** A fresh CHW array; convenient for tests and one-off predictions, allocates per call. */
    public float[] toChw(BufferedImage image) {
        float[] out = new float[floatsPerImage()];
        writeChw(image, FloatBuffer.wrap(out));
        return out;
    }

    /**
     * Bilinear resize into three planes. Each output column's source columns and weight are the
     * same on every row, so they are worked out once; each output row goes out as three bulk puts.
     */
    private void resizeInto(RgbPixels pixels, int w, int h, FloatBuffer dst, int base) {
        int plane = size * size;
        float xScale = (float) w / size;
        float yScale = (float) h / size;
        int[] left = new int[size];
        int[] right = new int[size];
        float[] xWeight = new float[size];
        for (int ox = 0; ox < size; ox++) {
            // Pixel centres line up (half-pixel offset), as in PIL and OpenCV.
            float sx = clamp((ox + 0.5f) * xScale - 0.5f, w - 1);
            left[ox] = (int) sx;
            right[ox] = Math.min(left[ox] + 1, w - 1);
            xWeight[ox] = sx - left[ox];
        }
        float[] red = new float[size];
        float[] green = new float[size];
        float[] blue = new float[size];
        for (int oy = 0; oy < size; oy++) {
            float sy = clamp((oy + 0.5f) * yScale - 0.5f, h - 1);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, h - 1);
            float fy = sy - y0;
            for (int ox = 0; ox < size; ox++) {
                int p00 = pixels.rgb(left[ox], y0);
                int p10 = pixels.rgb(right[ox], y0);
                int p01 = pixels.rgb(left[ox], y1);
                int p11 = pixels.rgb(right[ox], y1);
                float fx = xWeight[ox];
                red[ox] = lerp(p00 >> 16 & 0xFF, p10 >> 16 & 0xFF, p01 >> 16 & 0xFF, p11 >> 16 & 0xFF, fx, fy);
                green[ox] = lerp(p00 >> 8 & 0xFF, p10 >> 8 & 0xFF, p01 >> 8 & 0xFF, p11 >> 8 & 0xFF, fx, fy);
                blue[ox] = lerp(p00 & 0xFF, p10 & 0xFF, p01 & 0xFF, p11 & 0xFF, fx, fy);
            }
            int at = base + oy * size;
            dst.put(at, red);
            dst.put(at + plane, green);
            dst.put(at + 2 * plane, blue);
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
}
