package io.flowerstream.classifier;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Small generated images and broken inputs for the classifier's tests. */
public final class TestImages {

    private TestImages() {
    }

    /** A 200x160 JPEG of two coloured blocks; {@code seed} varies the colours. */
    public static byte[] jpeg(int seed) {
        BufferedImage image = new BufferedImage(200, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((seed * 53) & 0xff, (seed * 97) & 0xff, (seed * 31) & 0xff));
        g.fillRect(0, 0, 200, 160);
        g.setColor(Color.YELLOW);
        g.fillOval(40 + seed % 50, 30, 90, 90);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The first third of a JPEG. */
    public static byte[] truncatedJpeg() {
        byte[] whole = jpeg(1);
        return Arrays.copyOf(whole, whole.length / 3);
    }

    /** Plain text pretending to be an upload. */
    public static byte[] text() {
        return "this is not a picture of a flower\n".getBytes(StandardCharsets.UTF_8);
    }
}
