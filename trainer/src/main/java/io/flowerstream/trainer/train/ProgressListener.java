package io.flowerstream.trainer.train;

/** Hears how training goes, batch by batch and epoch by epoch: the terminal bar, metrics. */
public interface ProgressListener {

    /** Nothing is reported. */
    ProgressListener NONE = new ProgressListener() {};

    /** A training batch is done; loss and accuracy are the running means of the epoch so far. */
    default void onBatch(
            int epoch,
            int epochs,
            int batch,
            int batches,
            double loss,
            double accuracy,
            double imagesPerSecond,
            double etaSeconds) {}

    /** An epoch is done, validation included. */
    default void onEpoch(int epochs, EpochResult result, boolean best, boolean learningRateCut) {}
}
