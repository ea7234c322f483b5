package io.flowerstream.standalone.pipeline;

import io.flowerstream.trainer.train.EpochResult;
import io.flowerstream.trainer.train.ProgressListener;
import java.util.Locale;

/** Keeps the latest training progress as one line for the status view. */
final class TrainingProgress implements ProgressListener {

    private volatile String line = "waiting for labelled images";
    private volatile long lastNanos;

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
        line = String.format(
                Locale.ROOT,
                "epoch %d/%d, batch %d/%d: loss %.3f, accuracy %.3f, %.1f images/s, epoch ETA %.0f s",
                epoch,
                epochs,
                batch,
                batches,
                loss,
                accuracy,
                imagesPerSecond,
                etaSeconds);
        lastNanos = System.nanoTime();
    }

    @Override
    public void onEpoch(int epochs, EpochResult result, boolean best, boolean learningRateCut) {
        line = String.format(
                Locale.ROOT,
                "epoch %d/%d done: val_loss %.3f, val_accuracy %.3f%s",
                result.epoch(),
                epochs,
                result.valLoss(),
                result.valAccuracy(),
                best ? " (best so far)" : "");
        lastNanos = System.nanoTime();
    }

    /** The latest line, or "idle" once nothing has been heard for a while. */
    String line() {
        if (lastNanos != 0 && System.nanoTime() - lastNanos > 30_000_000_000L) {
            return "idle: retrains on its schedule or when enough new labelled images arrive (last: " + line + ")";
        }
        return line;
    }

    void set(String text) {
        line = text;
    }
}
