package io.flowerstream.trainer.report;

import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.model.net.FlowerNet;
import io.flowerstream.trainer.data.PhotoStore;
import io.flowerstream.trainer.train.Evaluation;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * {@code samples.png}: a grid of validation photos with their true and predicted labels (green
 * when right, red when wrong), as the seed shows its flowers.
 */
public final class SamplesGrid {

    private static final int SIDE = FlowerNet.INPUT_SIZE;
    private static final int COLUMNS = 5;
    private static final int LABEL_H = 34;

    private SamplesGrid() {}

    /** Up to {@code count} photos of {@code evaluation}, spread evenly over it. */
    public static byte[] render(PhotoStore store, Evaluation evaluation, int count) {
        int[] photos = evaluation.photoIndexes();
        int[] predicted = evaluation.predicted();
        int shown = Math.max(1, Math.min(count, photos.length));
        int rows = (shown + COLUMNS - 1) / COLUMNS;
        BufferedImage image = Png.canvas(COLUMNS * (SIDE + 6) + 6, rows * (SIDE + LABEL_H + 6) + 6);
        Graphics2D g = image.createGraphics();
        for (int k = 0; k < Math.min(shown, photos.length); k++) {
            int pick = (int) ((long) k * photos.length / shown);
            int photo = photos[pick];
            int x = 6 + (k % COLUMNS) * (SIDE + 6);
            int y = 6 + (k / COLUMNS) * (SIDE + LABEL_H + 6);
            g.drawImage(toImage(store.pixels(photo)), x, y, null);
            int truth = store.label(photo);
            g.setColor(truth == predicted[pick] ? new Color(0, 128, 0) : new Color(200, 0, 0));
            g.drawString("true: " + FlowerClasses.NAMES.get(truth), x, y + SIDE + 14);
            g.drawString("predicted: " + FlowerClasses.NAMES.get(predicted[pick]), x, y + SIDE + 28);
        }
        g.dispose();
        return Png.encode(image);
    }

    private static BufferedImage toImage(byte[] chw) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        int plane = SIDE * SIDE;
        for (int i = 0; i < plane; i++) {
            int rgb = (chw[i] & 0xFF) << 16 | (chw[plane + i] & 0xFF) << 8 | (chw[2 * plane + i] & 0xFF);
            image.setRGB(i % SIDE, i / SIDE, rgb);
        }
        return image;
    }
}
