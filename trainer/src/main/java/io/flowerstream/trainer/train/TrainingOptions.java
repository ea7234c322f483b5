package io.flowerstream.trainer.train;

import ai.djl.Device;
import io.flowerstream.trainer.augment.Augmentation;

/**
 * The knobs of one training run.
 *
 * @param epochs         passes over the training split
 * @param batchSize      images per step (split across the devices when there are several)
 * @param learningRate   Adam's starting learning rate
 * @param seed           seeds shuffling and augmentation (the network's initial weights come from the engine's own seed)
 * @param maxBatches     cap on batches per pass, for smoke runs; 0 for no cap
 * @param patience       epochs without a better validation accuracy before the learning rate is cut
 * @param lrFactor       what the learning rate is multiplied by at each cut
 * @param weightDecay    L2 weight decay added to Adam's gradients; 0 for none
 * @param schedule       how the learning rate moves: the seed's plateau cuts, or a cosine decay over the run
 * @param labelSmoothing share of each target spread over all classes; 0 for plain cross-entropy
 * @param augmentation   how training photos are perturbed
 * @param devices        where to train; several GPUs split each batch
 * @param maxSeconds     stop before an epoch that would end past this many seconds of training; 0 for no limit
 */
public record TrainingOptions(int epochs, int batchSize, float learningRate, long seed, int maxBatches, int patience,
                              float lrFactor, float weightDecay, LearningRateSchedule.Kind schedule,
                              float labelSmoothing, Augmentation augmentation, Device[] devices, long maxSeconds) {

    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, was " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, was " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("--learning-rate must be positive, was " + learningRate);
        }
        if (schedule == null) {
            schedule = LearningRateSchedule.Kind.PLATEAU;
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("--label-smoothing must be in [0, 1), was " + labelSmoothing);
        }
        if (devices == null || devices.length == 0) {
            devices = new Device[] {Device.cpu()};
        }
    }

    /**
     * The seed's settings: 15 epochs of 32, Adam 0.001, cut by 10 after 3 stalled epochs, plain
     * cross-entropy, seed augmentation, CPU.
     */
    public static TrainingOptions defaults() {
        return new TrainingOptions(15, 32, 0.001f, 42, 0, 3, 0.1f, 0f, LearningRateSchedule.Kind.PLATEAU, 0f,
                Augmentation.seed(), new Device[] {Device.cpu()}, 0);
    }

    public TrainingOptions withEpochs(int value) {
        return new TrainingOptions(value, batchSize, learningRate, seed, maxBatches, patience, lrFactor, weightDecay,
                schedule, labelSmoothing, augmentation, devices, maxSeconds);
    }

    public TrainingOptions withMaxBatches(int value) {
        return new TrainingOptions(epochs, batchSize, learningRate, seed, value, patience, lrFactor, weightDecay,
                schedule, labelSmoothing, augmentation, devices, maxSeconds);
    }

    public TrainingOptions withAugmentation(Augmentation value) {
        return new TrainingOptions(epochs, batchSize, learningRate, seed, maxBatches, patience, lrFactor, weightDecay,
                schedule, labelSmoothing, value, devices, maxSeconds);
    }

    public TrainingOptions withBatchSize(int value) {
        return new TrainingOptions(epochs, value, learningRate, seed, maxBatches, patience, lrFactor, weightDecay,
                schedule, labelSmoothing, augmentation, devices, maxSeconds);
    }

    public TrainingOptions withDevices(Device[] value) {
        return new TrainingOptions(epochs, batchSize, learningRate, seed, maxBatches, patience, lrFactor, weightDecay,
                schedule, labelSmoothing, augmentation, value, maxSeconds);
    }
}
