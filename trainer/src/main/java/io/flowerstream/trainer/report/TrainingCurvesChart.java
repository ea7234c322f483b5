package io.flowerstream.trainer.report;

import io.flowerstream.trainer.train.EpochResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@code training-curves.png}: the seed's two plots side by side, training and validation loss,
 * and training and validation accuracy, per epoch, with the best epoch marked.
 */
public final class TrainingCurvesChart {

    private static final int PANEL_W = 480;
    private static final int HEIGHT = 360;
    private static final int MARGIN = 50;
    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color VALIDATION = new Color(255, 127, 14);

    private TrainingCurvesChart() {}

    /** The chart of {@code history} as PNG bytes. */
    public static byte[] render(List<EpochResult> history, int bestEpoch) {
        BufferedImage image = Png.canvas(2 * PANEL_W, HEIGHT);
        Graphics2D g = image.createGraphics();
        double maxLoss = history.stream()
                .mapToDouble(e -> Math.max(e.loss(), e.valLoss()))
                .filter(Double::isFinite)
                .max()
                .orElse(1);
        panel(
                g,
                0,
                "Loss",
                history,
                bestEpoch,
                EpochResult::loss,
                EpochResult::valLoss,
                Math.max(maxLoss * 1.05, 1e-3));
        panel(g, PANEL_W, "Accuracy", history, bestEpoch, EpochResult::accuracy, EpochResult::valAccuracy, 1.0);
        g.dispose();
        return Png.encode(image);
    }

    private static void panel(
            Graphics2D g,
            int left,
            String title,
            List<EpochResult> history,
            int bestEpoch,
            ToDoubleFunction<EpochResult> train,
            ToDoubleFunction<EpochResult> validation,
            double top) {
        int x0 = left + MARGIN;
        int x1 = left + PANEL_W - 20;
        int y0 = HEIGHT - MARGIN;
        int y1 = 40;
        g.setColor(Color.BLACK);
        g.drawString("Model " + title.toLowerCase(Locale.ROOT), left + PANEL_W / 2 - 40, 22);
        g.drawLine(x0, y0, x1, y0);
        g.drawLine(x0, y0, x0, y1);
        g.drawString("epoch", (x0 + x1) / 2 - 15, HEIGHT - 12);
        for (int i = 0; i <= 4; i++) {
            int y = y0 - (y0 - y1) * i / 4;
            g.setColor(new Color(225, 225, 225));
            g.drawLine(x0 + 1, y, x1, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.2f", top * i / 4), left + 8, y + 4);
        }
        int n = history.size();
        for (EpochResult e : history) {
            int x = xOf(e.epoch(), n, x0, x1);
            g.setColor(Color.DARK_GRAY);
            if (n <= 20 || e.epoch() % 5 == 0) {
                g.drawString(Integer.toString(e.epoch()), x - 4, y0 + 16);
            }
            if (e.epoch() == bestEpoch) {
                g.setColor(new Color(44, 160, 44));
                g.setStroke(
                        new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 4}, 0));
                g.drawLine(x, y0, x, y1);
                g.setStroke(new BasicStroke(1));
                g.drawString("best", x + 3, y1 + 12);
            }
        }
        line(g, history, train, TRAIN, top, x0, x1, y0, y1);
        line(g, history, validation, VALIDATION, top, x0, x1, y0, y1);
        g.setColor(TRAIN);
        g.fillRect(x1 - 120, y1 + 4, 12, 4);
        g.drawString("train", x1 - 104, y1 + 10);
        g.setColor(VALIDATION);
        g.fillRect(x1 - 120, y1 + 20, 12, 4);
        g.drawString("validation", x1 - 104, y1 + 26);
    }

    private static void line(
            Graphics2D g,
            List<EpochResult> history,
            ToDoubleFunction<EpochResult> value,
            Color colour,
            double top,
            int x0,
            int x1,
            int y0,
            int y1) {
        g.setColor(colour);
        g.setStroke(new BasicStroke(2));
        int n = history.size();
        int px = -1;
        int py = -1;
        for (EpochResult e : history) {
            double v = Math.min(top, Math.max(0, value.applyAsDouble(e)));
            int x = xOf(e.epoch(), n, x0, x1);
            int y = (int) Math.round(y0 - (y0 - y1) * v / top);
            g.fillOval(x - 3, y - 3, 6, 6);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1));
    }

    private static int xOf(int epoch, int epochs, int x0, int x1) {
        return epochs <= 1 ? (x0 + x1) / 2 : x0 + 10 + (x1 - x0 - 20) * (epoch - 1) / (epochs - 1);
    }
}
