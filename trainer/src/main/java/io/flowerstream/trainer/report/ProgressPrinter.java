package io.flowerstream.trainer.report;

import io.flowerstream.trainer.train.EpochResult;
import io.flowerstream.trainer.train.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Keras-style progress on a terminal: a bar redrawn in place (carriage return) per batch, and
 * one line per epoch with training and validation loss and accuracy. Where the output is not a
 * terminal (a log file, a container), the bar becomes a plain line every few batches instead.
 */
public final class ProgressPrinter implements ProgressListener {

    private static final int BAR_WIDTH = 30;
    private static final int PLAIN_EVERY = 10;

    private final PrintStream out;
    private final boolean terminal;

    /** Prints to {@code out}; {@code terminal} chooses the redrawn bar. */
    public ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Prints to standard output, with the bar when it is a terminal. */
    public static ProgressPrinter toStdout() {
        return new ProgressPrinter(System.out, System.console() != null);
    }

    @Override
    public void onBatch(
            int epoch,
            int epochs,
            int batch,
            int batches,
            double loss,
            double accuracy,
            double imagesPerSecond,
            double etaSeconds) {
        if (terminal) {
            int filled = (int) ((long) BAR_WIDTH * batch / batches);
            String bar = "=".repeat(Math.max(0, filled - 1))
                    + (filled < BAR_WIDTH ? ">" : "=")
                    + ".".repeat(BAR_WIDTH - filled);
            out.printf(
                    Locale.ROOT,
                    "\rEpoch %d/%d %4d/%d [%s] - ETA %s - loss: %.4f - accuracy: %.4f - %.1f img/s ",
                    epoch,
                    epochs,
                    batch,
                    batches,
                    bar,
                    duration(etaSeconds),
                    loss,
                    accuracy,
                    imagesPerSecond);
            out.flush();
        } else if (batch % PLAIN_EVERY == 0 || batch == batches) {
            out.printf(
                    Locale.ROOT,
                    "Epoch %d/%d batch %d/%d - ETA %s - loss: %.4f - accuracy: %.4f - %.1f img/s%n",
                    epoch,
                    epochs,
                    batch,
                    batches,
                    duration(etaSeconds),
                    loss,
                    accuracy,
                    imagesPerSecond);
        }
    }

    @Override
    public void onEpoch(int epochs, EpochResult r, boolean best, boolean learningRateCut) {
        if (terminal) {
            out.print('\n');
        }
        out.printf(
                Locale.ROOT,
                "Epoch %d/%d - %.0fs - loss: %.4f - accuracy: %.4f - val_loss: %.4f - val_accuracy: %.4f - lr: %.2e - "
                        + "%.1f img/s%s%s%n",
                r.epoch(),
                epochs,
                r.seconds(),
                r.loss(),
                r.accuracy(),
                r.valLoss(),
                r.valAccuracy(),
                r.learningRate(),
                r.imagesPerSecond(),
                best ? " - best so far" : "",
                learningRateCut ? " - validation accuracy stalled, learning rate cut" : "");
        out.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
