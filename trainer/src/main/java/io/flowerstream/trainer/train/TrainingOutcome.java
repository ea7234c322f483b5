package io.flowerstream.trainer.train;

import java.util.List;

/**
 * What a training run produced: its history, the best epoch and that epoch's weights and
 * validation scores (the weights to publish, not the last epoch's).
 *
 * @param history         one entry per epoch trained
 * @param bestEpoch       1-based epoch with the highest validation accuracy (the first of equals)
 * @param bestParams      that epoch's weights as {@code model.params} bytes
 * @param bestValidation  that epoch's validation evaluation
 * @param device          where it trained, e.g. {@code cpu()} or {@code gpu(0)+gpu(1)}
 * @param trainingSeconds wall time of the epochs, validation included
 * @param imagesPerSecond training images per second over the whole run
 */
public record TrainingOutcome(
        List<EpochResult> history,
        int bestEpoch,
        byte[] bestParams,
        Evaluation bestValidation,
        String device,
        double trainingSeconds,
        double imagesPerSecond) {

    public TrainingOutcome {
        history = List.copyOf(history);
    }

    /** The best epoch's validation accuracy. */
    public double bestValidationAccuracy() {
        return bestValidation.accuracy();
    }
}
