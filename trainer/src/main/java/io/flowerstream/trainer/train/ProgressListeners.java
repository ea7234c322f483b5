package io.flowerstream.trainer.train;

import java.util.List;

/** Several {@link ProgressListener}s heard as one. */
public final class ProgressListeners implements ProgressListener {

    private final List<ProgressListener> listeners;

    private ProgressListeners(List<ProgressListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** A listener passing everything on to each of {@code listeners}, in order. */
    public static ProgressListener of(ProgressListener... listeners) {
        return new ProgressListeners(List.of(listeners));
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
        listeners.forEach(l -> l.onBatch(epoch, epochs, batch, batches, loss, accuracy, imagesPerSecond, etaSeconds));
    }

    @Override
    public void onEpoch(int epochs, EpochResult result, boolean best, boolean learningRateCut) {
        listeners.forEach(l -> l.onEpoch(epochs, result, best, learningRateCut));
    }
}
