package io.flowerstream.model.shift;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The ways photos from another source differ from the training photos, each as a deterministic
 * transform of one photo to JPEG bytes: web thumbnails (small squares), heavy re-compression, a colour
 * cast, blur, and off-centre framing. Used to build the source-shift benchmark from photos the project
 * may use, and by tests that need a stream of shifted photos.
 */
public enum SourceShift {
    /** The photo as it is, re-encoded at quality 92: the baseline the others are compared with. */
    CLEAN,
    /** Centre square scaled to 128x128, as a thumbnail service would serve it. */
    SQUARE_128,
    /** Re-encoded at JPEG quality 20. */
    JPEG_Q20,
    /** A warm colour cast: red up, blue down, by about a fifth. */
    COLOUR_CAST,
    /** A 7x7 box blur. */
    BLUR,
    /** The top-left 60% of the photo, scaled back up: the flower off-centre or partly cut. */
    OFF_CENTRE_CROP;

    /** The quality photos are written at unless the shift is about quality. */
    public static final float DEFAULT_QUALITY = 0.92f;

    /** The name used for folders and table rows, e.g. {@code square_128}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The photo with this shift applied, as JPEG bytes. */
    public byte[] apply(BufferedImage photo) {
        BufferedImage rgb = toRgb(photo);
        return switch (this) {
            case CLEAN -> jpeg(rgb, DEFAULT_QUALITY);
            case SQUARE_128 -> jpeg(centreSquare(rgb, 128), DEFAULT_QUALITY);
            case JPEG_Q20 -> jpeg(rgb, 0.20f);
            case COLOUR_CAST -> jpeg(colourCast(rgb, 1.2, 1.0, 0.8), DEFAULT_QUALITY);
            case BLUR -> jpeg(blur(rgb, 7), DEFAULT_QUALITY);
            case OFF_CENTRE_CROP ->
                jpeg(
                        scale(
                                rgb.getSubimage(
                                        0,
                                        0,
                                        Math.max(1, rgb.getWidth() * 3 / 5),
                                        Math.max(1, rgb.getHeight() * 3 / 5)),
                                rgb.getWidth(),
                                rgb.getHeight()),
                        DEFAULT_QUALITY);
        };
    }

    /**
     * Several shifts one after the other, each applied to the previous one's decoded JPEG (so a
     * thumbnail that is then re-compressed is re-compressed at its thumbnail size), as JPEG bytes.
     */
    public static byte[] chain(BufferedImage photo, SourceShift... shifts) {
        byte[] bytes = CLEAN.apply(photo);
        BufferedImage current = photo;
        for (SourceShift shift : shifts) {
            bytes = shift.apply(current);
            try {
                current = ImageIO.read(new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read back the JPEG of shift " + shift.tag(), e);
            }
        }
        return bytes;
    }

    /** The shift with this {@link #tag()}; the message lists the known ones. */
    public static SourceShift ofTag(String tag) {
        for (SourceShift shift : values()) {
            if (shift.tag().equals(tag.trim().toLowerCase(Locale.ROOT))) {
                return shift;
            }
        }
        throw new IllegalArgumentException("unknown shift '" + tag + "': use one of "
                + Arrays.stream(values()).map(SourceShift::tag).toList());
    }

    /** {@code photo} as baseline JPEG bytes at {@code quality} (0-1), 4:2:0 as the JDK's writer does. */
    public static byte[] jpeg(BufferedImage photo, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(toRgb(photo), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not encode a " + photo.getWidth() + "x" + photo.getHeight() + " JPEG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage centreSquare(BufferedImage photo, int side) {
        int s = Math.min(photo.getWidth(), photo.getHeight());
        BufferedImage square = photo.getSubimage((photo.getWidth() - s) / 2, (photo.getHeight() - s) / 2, s, s);
        return scale(square, side, side);
    }

    private static BufferedImage scale(BufferedImage photo, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    private static BufferedImage colourCast(BufferedImage photo, double red, double green, double blue) {
        BufferedImage out = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                int p = photo.getRGB(x, y);
                int r = clamp((p >> 16 & 0xFF) * red);
                int g = clamp((p >> 8 & 0xFF) * green);
                int b = clamp((p & 0xFF) * blue);
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    private static BufferedImage blur(BufferedImage photo, int size) {
        float[] weights = new float[size * size];
        Arrays.fill(weights, 1f / weights.length);
        BufferedImage out = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
        return new ConvolveOp(new Kernel(size, size, weights), ConvolveOp.EDGE_NO_OP, null).filter(photo, out);
    }

    private static BufferedImage toRgb(BufferedImage photo) {
        if (photo.getType() == BufferedImage.TYPE_INT_RGB) {
            return photo;
        }
        BufferedImage rgb = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(photo, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
