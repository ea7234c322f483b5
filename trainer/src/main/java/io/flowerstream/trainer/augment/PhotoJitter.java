package io.flowerstream.trainer.augment;

import io.flowerstream.model.net.FlowerNet;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.random.RandomGenerator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The photometric and quality part of {@link SourceJitter}, on a photo already in network floats
 * (3x150x150 CHW, [0,1]): a thumbnail's resolution, then light and colour, then JPEG compression,
 * the order in which a photo from elsewhere went through them (camera, editing, upload). One
 * instance per thread: scratch buffers and the JPEG writer are reused.
 */
final class PhotoJitter {

    private static final int SIDE = FlowerNet.INPUT_SIZE;
    private static final int PLANE = SIDE * SIDE;

    private final SourceJitter jitter;
    private final float[] small = new float[3 * PLANE];
    private final BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_3BYTE_BGR);
    private final ByteArrayOutputStream jpeg = new ByteArrayOutputStream(32 * 1024);
    private ImageWriter writer;

    PhotoJitter(SourceJitter jitter) {
        this.jitter = jitter;
    }

    /** Jitters {@code chw} in place with draws from {@code random}. */
    void apply(float[] chw, RandomGenerator random) {
        if (jitter.lowResChance() > 0 && random.nextDouble() < jitter.lowResChance()) {
            int side = random.nextInt(jitter.lowResMinSide(), SIDE * 3 / 4 + 1);
            lowResolution(chw, side);
        }
        if (jitter.colourChance() > 0 && random.nextDouble() < jitter.colourChance()) {
            float brightness = (float) (1 + uniform(random, jitter.brightness()));
            float contrast = (float) (1 + uniform(random, jitter.contrast()));
            float saturation = (float) (1 + uniform(random, jitter.saturation()));
            float[] gain = new float[3];
            for (int c = 0; c < 3; c++) {
                gain[c] = (float) (1 + uniform(random, jitter.channelGain()));
            }
            colour(chw, brightness, contrast, saturation, gain);
        }
        if (jitter.jpegChance() > 0 && random.nextDouble() < jitter.jpegChance()) {
            recompress(chw, random.nextInt(jitter.jpegMinQuality(), 91));
        }
    }

    /** Shrinks to {@code side} x {@code side} by averaging each cell, then scales back up bilinearly. */
    void lowResolution(float[] chw, int side) {
        for (int c = 0; c < 3; c++) {
            int base = c * PLANE;
            for (int y = 0; y < side; y++) {
                int y0 = y * SIDE / side;
                int y1 = Math.max(y0 + 1, (y + 1) * SIDE / side);
                for (int x = 0; x < side; x++) {
                    int x0 = x * SIDE / side;
                    int x1 = Math.max(x0 + 1, (x + 1) * SIDE / side);
                    float sum = 0;
                    for (int yy = y0; yy < y1; yy++) {
                        for (int xx = x0; xx < x1; xx++) {
                            sum += chw[base + yy * SIDE + xx];
                        }
                    }
                    small[base + y * side + x] = sum / ((y1 - y0) * (x1 - x0));
                }
            }
            float scale = side / (float) SIDE;
            for (int y = 0; y < SIDE; y++) {
                float sy = Math.max(0, Math.min(side - 1, (y + 0.5f) * scale - 0.5f));
                int ya = (int) sy;
                int yb = Math.min(ya + 1, side - 1);
                float fy = sy - ya;
                for (int x = 0; x < SIDE; x++) {
                    float sx = Math.max(0, Math.min(side - 1, (x + 0.5f) * scale - 0.5f));
                    int xa = (int) sx;
                    int xb = Math.min(xa + 1, side - 1);
                    float fx = sx - xa;
                    float top = small[base + ya * side + xa] * (1 - fx) + small[base + ya * side + xb] * fx;
                    float bottom = small[base + yb * side + xa] * (1 - fx) + small[base + yb * side + xb] * fx;
                    chw[base + y * SIDE + x] = top * (1 - fy) + bottom * fy;
                }
            }
        }
    }

    /**
     * Brightness (all values scaled), saturation (each pixel drawn towards or away from its grey),
     * contrast (towards or away from the photo's mean grey) and a per-channel gain, clamped to [0,1].
     */
    void colour(float[] chw, float brightness, float contrast, float saturation, float[] gain) {
        double total = 0;
        for (int i = 0; i < PLANE; i++) {
            total += 0.299f * chw[i] + 0.587f * chw[PLANE + i] + 0.114f * chw[2 * PLANE + i];
        }
        float mean = (float) (total / PLANE) * brightness;
        for (int i = 0; i < PLANE; i++) {
            float r = chw[i] * brightness;
            float g = chw[PLANE + i] * brightness;
            float b = chw[2 * PLANE + i] * brightness;
            float grey = 0.299f * r + 0.587f * g + 0.114f * b;
            r = ((grey + (r - grey) * saturation) - mean) * contrast + mean;
            g = ((grey + (g - grey) * saturation) - mean) * contrast + mean;
            b = ((grey + (b - grey) * saturation) - mean) * contrast + mean;
            chw[i] = clamp(r * gain[0]);
            chw[PLANE + i] = clamp(g * gain[1]);
            chw[2 * PLANE + i] = clamp(b * gain[2]);
        }
    }

    /** Encodes as a baseline JPEG of {@code quality} (1-100) with ImageIO and decodes it again. */
    void recompress(float[] chw, int quality) {
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < PLANE; i++) {
            bgr[3 * i] = (byte) Math.round(chw[2 * PLANE + i] * 255);
            bgr[3 * i + 1] = (byte) Math.round(chw[PLANE + i] * 255);
            bgr[3 * i + 2] = (byte) Math.round(chw[i] * 255);
        }
        try {
            jpeg.reset();
            if (writer == null) {
                writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            }
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(jpeg)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg.toByteArray()));
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    int rgb = decoded.getRGB(x, y);
                    int i = y * SIDE + x;
                    chw[i] = ((rgb >> 16) & 0xFF) / 255f;
                    chw[PLANE + i] = ((rgb >> 8) & 0xFF) / 255f;
                    chw[2 * PLANE + i] = (rgb & 0xFF) / 255f;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG re-encoding of a training photo failed in memory", e);
        }
    }

    private static double uniform(RandomGenerator random, double range) {
        return range == 0 ? 0 : random.nextDouble(-range, range);
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : Math.min(v, 1f);
    }
}
