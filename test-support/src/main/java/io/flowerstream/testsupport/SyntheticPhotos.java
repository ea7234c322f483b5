package io.flowerstream.testsupport;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Generated stand-ins for photos from one source, for tests that need many different photos alike in
 * the way one camera's are (drift, source shifts) without any dataset beside the repository.
 */
public final class SyntheticPhotos {

    private static final Color[] PETALS = {
        Color.WHITE, Color.YELLOW, new Color(200, 20, 60), new Color(250, 170, 20), new Color(230, 90, 160)
    };

    private SyntheticPhotos() {}

    /**
     * A 320x240 "garden photo": a textured green-brown background and a flower-coloured disc of varying
     * colour, size and place. {@code seed} varies everything; the same seed gives the same photo.
     */
    public static BufferedImage garden(int seed) {
        Random random = new Random(seed * 7919L + 17);
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        int baseR = 40 + random.nextInt(60);
        int baseG = 70 + random.nextInt(80);
        int baseB = 20 + random.nextInt(50);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                int n = random.nextInt(40) - 20;
                image.setRGB(x, y, clamp(baseR + n) << 16 | clamp(baseG + n) << 8 | clamp(baseB + n));
            }
        }
        Graphics2D g = image.createGraphics();
        g.setColor(PETALS[random.nextInt(PETALS.length)]);
        int size = 60 + random.nextInt(100);
        g.fillOval(random.nextInt(320 - size), random.nextInt(240 - size), size, size);
        g.setColor(new Color(120, 80, 20));
        g.fillOval(150, 110, 20, 20);
        g.dispose();
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
