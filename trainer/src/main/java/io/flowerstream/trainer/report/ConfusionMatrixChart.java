package io.flowerstream.trainer.report;

import io.flowerstream.contracts.FlowerClasses;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** {@code confusion-matrix.png}: counts per true and predicted class, cells shaded by their share of the row. */
public final class ConfusionMatrixChart {

    private static final int CELL = 80;
    private static final int LEFT = 110;
    private static final int TOP = 70;

    private ConfusionMatrixChart() {}

    /** The chart of {@code matrix} (rows true classes, columns predicted, in {@link FlowerClasses#NAMES} order). */
    public static byte[] render(int[][] matrix, String title) {
        int n = FlowerClasses.count();
        BufferedImage image = Png.canvas(LEFT + n * CELL + 20, TOP + n * CELL + 50);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 20);
        g.drawString("predicted", LEFT + n * CELL / 2 - 25, 40);
        g.drawString("true", 10, TOP + n * CELL + 30);
        for (int r = 0; r < n; r++) {
            int rowTotal = 0;
            for (int c = 0; c < n; c++) {
                rowTotal += matrix[r][c];
            }
            g.setColor(Color.BLACK);
            g.drawString(FlowerClasses.NAMES.get(r), 20, TOP + r * CELL + CELL / 2 + 4);
            g.drawString(FlowerClasses.NAMES.get(r), LEFT + r * CELL + 10, TOP - 8);
            for (int c = 0; c < n; c++) {
                double share = rowTotal == 0 ? 0 : (double) matrix[r][c] / rowTotal;
                int shade = (int) Math.round(255 - 200 * share);
                g.setColor(new Color(shade, shade, 255));
                g.fillRect(LEFT + c * CELL, TOP + r * CELL, CELL, CELL);
                g.setColor(Color.GRAY);
                g.drawRect(LEFT + c * CELL, TOP + r * CELL, CELL, CELL);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                String text = Integer.toString(matrix[r][c]);
                g.drawString(text, LEFT + c * CELL + CELL / 2 - 4 * text.length(), TOP + r * CELL + CELL / 2 + 4);
            }
        }
        g.dispose();
        return Png.encode(image);
    }
}
