package io.flowerstream.trainer.train;

import ai.djl.Device;
import io.flowerstream.model.net.Architecture;
import io.flowerstream.trainer.augment.Augmentation;

/**
 * The knobs of one training run, built with {@link #builder()} from the seed's defaults.
 *
 * @param epochs         passes over the training split
 * @param batchSize      images per step (split across the devices when there are several)
 * @param learningRate   Adam's starting learning rate
 * @param seed           seeds shuffling and augmentation (the network's initial weights come from the engine's own
 *     seed)
 * @param maxBatches     cap on batches per pass, for smoke runs; 0 for no cap
 * @param patience       epochs without a better validation accuracy before the learning rate is cut
 * @param lrFactor       what the learning rate is multiplied by at each cut
 * @param weightDecay    L2 weight decay added to Adam's gradients; 0 for none
 * @param schedule       how the learning rate moves: the seed's plateau cuts, or a cosine decay over the run
 * @param labelSmoothing share of each target spread over all classes; 0 for plain cross-entropy
 * @param augmentation   how training photos are perturbed
 * @param architecture   the network a fresh run builds
 * @param devices        where to train; several GPUs split each batch
 * @param maxSeconds     stop before an epoch that would end past this many seconds of training; 0 for no limit
 */
public record TrainingOptions(
        int epochs,
        int batchSize,
        float learningRate,
        long seed,
        int maxBatches,
        int patience,
        float lrFactor,
        float weightDecay,
        LearningRateSchedule.Kind schedule,
        float labelSmoothing,
        Augmentation augmentation,
        Architecture architecture,
        Device[] devices,
        long maxSeconds) {

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
        if (architecture == null) {
            architecture = Architecture.DEFAULT;
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
        return builder().build();
    }

    /** A builder starting from the seed's settings ({@link #defaults()}); set only what differs. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.seed = seed;
        b.maxBatches = maxBatches;
        b.patience = patience;
        b.lrFactor = lrFactor;
        b.weightDecay = weightDecay;
        b.schedule = schedule;
        b.labelSmoothing = labelSmoothing;
        b.augmentation = augmentation;
        b.architecture = architecture;
        b.devices = devices;
        b.maxSeconds = maxSeconds;
        return b;
    }

    /** Builds options setting by setting; the seed's values are the defaults, written here only. */
    public static final class Builder {
        private int epochs = 15;
        private int batchSize = 32;
        private float learningRate = 0.001f;
        private long seed = 42;
        private int maxBatches;
        private int patience = 3;
        private float lrFactor = 0.1f;
        private float weightDecay;
        private LearningRateSchedule.Kind schedule = LearningRateSchedule.Kind.PLATEAU;
        private float labelSmoothing;
        private Augmentation augmentation = Augmentation.sources();
        private Architecture architecture = Architecture.DEFAULT;
        private Device[] devices = {Device.cpu()};
        private long maxSeconds;

        private Builder() {}

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder learningRate(float v) {
            learningRate = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder maxBatches(int v) {
            maxBatches = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder lrFactor(float v) {
            lrFactor = v;
            return this;
        }

        public Builder weightDecay(float v) {
            weightDecay = v;
            return this;
        }

        public Builder schedule(LearningRateSchedule.Kind v) {
            schedule = v;
            return this;
        }

        public Builder labelSmoothing(float v) {
            labelSmoothing = v;
            return this;
        }

        public Builder augmentation(Augmentation v) {
            augmentation = v;
            return this;
        }

        public Builder architecture(Architecture v) {
            architecture = v;
            return this;
        }

        public Builder devices(Device[] v) {
            devices = v;
            return this;
        }

        public Builder maxSeconds(long v) {
            maxSeconds = v;
            return this;
        }

        public TrainingOptions build() {
            return new TrainingOptions(
                    epochs,
                    batchSize,
                    learningRate,
                    seed,
                    maxBatches,
                    patience,
                    lrFactor,
                    weightDecay,
                    schedule,
                    labelSmoothing,
                    augmentation,
                    architecture,
                    devices,
                    maxSeconds);
        }
    }
}
