package io.flowerstream.trainer.train;

/**
 * What one epoch achieved, Keras' history line.
 *
 * @param epoch           1-based
 * @param learningRate    the rate the epoch trained with
 * @param imagesPerSecond training images per second over the epoch (validation excluded)
 */
public record EpochResult(
        int epoch,
        double loss,
        double accuracy,
        double valLoss,
        double valAccuracy,
        double learningRate,
        double seconds,
        double imagesPerSecond) {}
