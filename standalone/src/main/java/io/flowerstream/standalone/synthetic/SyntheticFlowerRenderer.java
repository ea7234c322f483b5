package io.flowerstream.standalone.synthetic;

import io.flowerstream.contracts.FlowerClasses;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.Random;

/**
 * Paints a synthetic photo of one of the five flowers, so that a machine with no photos can
 * still run the whole loop. Every picture is a function of its label and seed.
 *
 * <p>Each class keeps what tells it apart in real photos, loosely: a daisy is white petals around
 * a yellow disc, a dandelion a dense yellow pom-pom (or a white seed head), a rose layered red or
 * pink petals, a sunflower golden petals around a big brown disc, a tulip a side-on cup on a stem.
 * Backgrounds, sizes, positions, poses, colours and noise vary so the task is not trivial.
 */
public final class SyntheticFlowerRenderer {

    /** Side of the square pictures, close to the real photos' short side. */
    public static final int SIZE = 240;

    /** A new picture of {@code label} (one of {@link FlowerClasses#NAMES}) from {@code seed}. */
    public BufferedImage render(String label, long seed) {
        int classIndex = FlowerClasses.indexOf(label);
        Random random = new Random(seed * 31 + classIndex);
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            paintBackground(g, random);
            int flowers = random.nextDouble() < 0.25 ? 2 + random.nextInt(2) : 1;
            for (int i = 0; i < flowers; i++) {
                double radius = (i == 0 ? 45 + random.nextDouble() * 50 : 20 + random.nextDouble() * 25);
                double cx = SIZE * (0.25 + random.nextDouble() * 0.5);
                double cy = SIZE * (0.25 + random.nextDouble() * 0.5);
                AffineTransform saved = g.getTransform();
                g.translate(cx, cy);
                g.rotate(random.nextDouble() * Math.PI * 2 * (label.equals("tulip") ? 0.05 : 1));
                // A squash in one direction stands for a flower seen at an angle.
                g.scale(1.0, 0.65 + random.nextDouble() * 0.35);
                paintFlower(g, label, radius, random);
                g.setTransform(saved);
            }
        } finally {
            g.dispose();
        }
        addNoise(image, random);
        return image;
    }

    private static void paintBackground(Graphics2D g, Random random) {
        Color[][] palettes = {
            {new Color(34, 90, 30), new Color(110, 160, 70)}, // grass
            {new Color(120, 170, 220), new Color(60, 120, 50)}, // sky over leaves
            {new Color(90, 70, 50), new Color(50, 80, 40)}, // soil and leaves
            {new Color(20, 45, 20), new Color(70, 110, 60)}, // dark foliage
            {new Color(180, 180, 170), new Color(90, 120, 80)}, // overcast
        };
        Color[] palette = palettes[random.nextInt(palettes.length)];
        g.setPaint(new GradientPaint(0, 0, jitter(palette[0], random, 25), 0, SIZE, jitter(palette[1], random, 25)));
        g.fillRect(0, 0, SIZE, SIZE);
        int leaves = 4 + random.nextInt(8);
        for (int i = 0; i < leaves; i++) {
            g.setColor(withAlpha(jitter(new Color(50, 110, 40), random, 40), 90 + random.nextInt(80)));
            AffineTransform saved = g.getTransform();
            g.translate(random.nextInt(SIZE), random.nextInt(SIZE));
            g.rotate(random.nextDouble() * Math.PI);
            double w = 15 + random.nextDouble() * 40;
            g.fill(new Ellipse2D.Double(-w, -w / 4, 2 * w, w / 2));
            g.setTransform(saved);
        }
    }

    private static void paintFlower(Graphics2D g, String label, double r, Random random) {
        switch (label) {
            case "daisy" -> daisy(g, r, random);
            case "dandelion" -> dandelion(g, r, random);
            case "rose" -> rose(g, r, random);
            case "sunflower" -> sunflower(g, r, random);
            case "tulip" -> tulip(g, r, random);
            default -> throw new IllegalArgumentException("no painter for '" + label + "'");
        }
    }

    private static void daisy(Graphics2D g, double r, Random random) {
        int petals = 14 + random.nextInt(9);
        Color petal =
                jitter(random.nextDouble() < 0.8 ? new Color(245, 245, 240) : new Color(235, 215, 240), random, 10);
        petalRing(g, petals, r * 0.15, r, r * 0.22, petal, random);
        disc(g, r * 0.25, jitter(new Color(240, 190, 30), random, 20), random, 0);
    }

    private static void dandelion(Graphics2D g, double r, Random random) {
        if (random.nextDouble() < 0.2) {
            // The seed head: fine white rays around a small grey-green core.
            g.setStroke(new BasicStroke(1f));
            for (int i = 0; i < 120; i++) {
                double a = random.nextDouble() * Math.PI * 2;
                double len = r * (0.7 + random.nextDouble() * 0.3);
                g.setColor(withAlpha(new Color(240, 240, 235), 150 + random.nextInt(100)));
                g.drawLine(0, 0, (int) (Math.cos(a) * len), (int) (Math.sin(a) * len));
            }
            disc(g, r * 0.12, new Color(120, 125, 100), random, 0);
            return;
        }
        Color yellow = jitter(new Color(250, 215, 20), random, 15);
        petalRing(g, 40 + random.nextInt(20), r * 0.1, r, r * 0.09, yellow.darker(), random);
        petalRing(g, 30 + random.nextInt(20), r * 0.05, r * 0.75, r * 0.1, yellow, random);
        petalRing(g, 20 + random.nextInt(10), 0, r * 0.45, r * 0.12, yellow.brighter(), random);
    }

    private static void rose(Graphics2D g, double r, Random random) {
        Color[] colours = {
            new Color(200, 20, 40),
            new Color(230, 90, 140),
            new Color(150, 10, 30),
            new Color(245, 160, 170),
            new Color(240, 120, 60)
        };
        Color base = jitter(colours[random.nextInt(colours.length)], random, 20);
        int layers = 5 + random.nextInt(3);
        for (int layer = 0; layer < layers; layer++) {
            double ring = r * (1.0 - layer / (double) layers);
            double size = ring * 0.6;
            int petals = 5;
            double offset = random.nextDouble() * Math.PI;
            Color c = shade(base, 1.0 - layer * 0.09);
            for (int p = 0; p < petals; p++) {
                double a = offset + p * Math.PI * 2 / petals;
                double x = Math.cos(a) * ring * 0.45;
                double y = Math.sin(a) * ring * 0.45;
                g.setColor(c);
                g.fill(new Ellipse2D.Double(x - size / 2, y - size / 2, size, size));
                g.setColor(shade(c, 0.7));
                g.setStroke(new BasicStroke(1.2f));
                g.draw(new Ellipse2D.Double(x - size / 2, y - size / 2, size, size));
            }
        }
    }

    private static void sunflower(Graphics2D g, double r, Random random) {
        Color gold = jitter(new Color(245, 185, 15), random, 15);
        petalRing(g, 18 + random.nextInt(9), r * 0.35, r, r * 0.3, gold, random);
        disc(g, r * 0.45, jitter(new Color(85, 50, 20), random, 15), random, 60);
    }

    private static void tulip(Graphics2D g, double r, Random random) {
        Color[] colours = {
            new Color(220, 30, 50),
            new Color(240, 110, 170),
            new Color(250, 210, 40),
            new Color(130, 50, 160),
            new Color(245, 120, 30),
            new Color(250, 250, 245)
        };
        Color petal = jitter(colours[random.nextInt(colours.length)], random, 15);
        g.setColor(jitter(new Color(60, 130, 50), random, 20));
        g.setStroke(new BasicStroke((float) (r * 0.08)));
        g.drawLine(0, (int) (r * 0.3), 0, (int) (r * 2.5));
        Path2D leaf = new Path2D.Double();
        leaf.moveTo(0, r * 1.6);
        leaf.quadTo(r * 0.7, r * 0.9, r * 0.5, r * 0.3);
        leaf.quadTo(r * 0.3, r * 1.0, 0, r * 1.8);
        g.fill(leaf);
        double w = r * 0.5;
        double h = r * 1.05;
        g.setColor(shade(petal, 0.8));
        g.fill(new Ellipse2D.Double(-w * 1.05, -h * 0.55, w * 1.1, h));
        g.fill(new Ellipse2D.Double(-w * 0.05, -h * 0.55, w * 1.1, h));
        g.setPaint(
                new GradientPaint(0, (float) (-h * 0.6), petal.brighter(), 0, (float) (h * 0.5), shade(petal, 0.75)));
        Path2D cup = new Path2D.Double();
        cup.moveTo(-w * 0.6, -h * 0.5);
        cup.quadTo(-w * 0.9, h * 0.45, 0, h * 0.45);
        cup.quadTo(w * 0.9, h * 0.45, w * 0.6, -h * 0.5);
        cup.quadTo(0, -h * 0.2, -w * 0.6, -h * 0.5);
        g.fill(cup);
    }

    /** {@code count} elliptical petals from {@code inner} to {@code outer} around the centre. */
    private static void petalRing(
            Graphics2D g, int count, double inner, double outer, double width, Color colour, Random random) {
        double offset = random.nextDouble() * Math.PI;
        for (int i = 0; i < count; i++) {
            AffineTransform saved = g.getTransform();
            g.rotate(offset + i * Math.PI * 2 / count + (random.nextDouble() - 0.5) * 0.1);
            double length = (outer - inner) * (0.85 + random.nextDouble() * 0.15);
            g.setColor(jitter(colour, random, 8));
            g.fill(new Ellipse2D.Double(inner, -width / 2, length, width));
            g.setTransform(saved);
        }
    }

    /** A centre disc, with {@code seeds} darker dots for texture. */
    private static void disc(Graphics2D g, double radius, Color colour, Random random, int seeds) {
        g.setColor(colour);
        g.fill(new Ellipse2D.Double(-radius, -radius, 2 * radius, 2 * radius));
        g.setColor(shade(colour, 0.6));
        for (int i = 0; i < seeds; i++) {
            double a = random.nextDouble() * Math.PI * 2;
            double d = Math.sqrt(random.nextDouble()) * radius * 0.9;
            g.fill(new Ellipse2D.Double(Math.cos(a) * d - 1.5, Math.sin(a) * d - 1.5, 3, 3));
        }
    }

    /** Sensor-like noise and an overall exposure shift. */
    private static void addNoise(BufferedImage image, Random random) {
        WritableRaster raster = image.getRaster();
        int exposure = random.nextInt(41) - 20;
        int[] pixel = new int[3];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                raster.getPixel(x, y, pixel);
                int noise = (int) (random.nextGaussian() * 6);
                for (int c = 0; c < 3; c++) {
                    pixel[c] = Math.max(0, Math.min(255, pixel[c] + exposure + noise));
                }
                raster.setPixel(x, y, pixel);
            }
        }
    }

    private static Color jitter(Color c, Random random, int amount) {
        return new Color(
                clamp(c.getRed() + random.nextInt(2 * amount + 1) - amount),
                clamp(c.getGreen() + random.nextInt(2 * amount + 1) - amount),
                clamp(c.getBlue() + random.nextInt(2 * amount + 1) - amount));
    }

    private static Color shade(Color c, double factor) {
        return new Color(clamp((int) (c.getRed() * factor)), clamp((int) (c.getGreen() * factor)), clamp((int)
                (c.getBlue() * factor)));
    }

    private static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
