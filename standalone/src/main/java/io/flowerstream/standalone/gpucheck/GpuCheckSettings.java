package io.flowerstream.standalone.gpucheck;

import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.Precision;
import java.util.List;

/**
 * The sizes of one {@code gpu-check} run, built once with {@link #builder()} from its flags (or by a
 * test, tiny).
 *
 * @param device           where to run; {@code gpu} fails when no GPU is seen
 * @param precision        the number format of the predictor sweep (the classifier end to end runs FP32)
 * @param photos           distinct synthetic pictures generated for every part
 * @param trainBatch       images per training step
 * @param trainEpochs      training epochs; the loss of the first and the last are compared
 * @param trainSteps       training steps per epoch
 * @param batchSizes       the predictor sweep's batch sizes
 * @param secondsPerBatch  time spent on each batch size of the sweep
 * @param endToEndImages   images published at once through the classifier for its throughput
 * @param latencySeconds   length of the fixed-rate run at half the measured throughput
 * @param partitions       partitions of the images topic (the classifier batches per partition)
 * @param streamThreads    the classifier's Kafka Streams threads
 * @param decodeThreads    the classifier's decode threads
 * @param goals            the targets {@code --check-goals} holds the run to
 */
public record GpuCheckSettings(
        DeviceChoice device,
        Precision precision,
        int photos,
        int trainBatch,
        int trainEpochs,
        int trainSteps,
        List<Integer> batchSizes,
        double secondsPerBatch,
        int endToEndImages,
        double latencySeconds,
        int partitions,
        int streamThreads,
        int decodeThreads,
        Goals goals) {

    public GpuCheckSettings {
        batchSizes = List.copyOf(batchSizes);
        if (photos < 5
                || trainBatch < 1
                || trainEpochs < 2
                || trainSteps < 1
                || batchSizes.isEmpty()
                || endToEndImages < 1
                || !(secondsPerBatch > 0)
                || !(latencySeconds > 0)
                || partitions < 1
                || streamThreads < 1
                || decodeThreads < 1) {
            throw new IllegalArgumentException(
                    "gpu-check sizes out of range: need at least 5 photos, 2 training epochs, 1 step, 1 batch size, 1 "
                            + "image end to end, positive seconds, 1 partition and thread; got "
                            + "" + this);
        }
        for (int size : batchSizes) {
            if (size < 1 || size > 1024) {
                throw new IllegalArgumentException("batch size " + size + " is out of range: use 1 to 1024");
            }
        }
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the sizes by name; nothing is defaulted here, every size is given (the flags of {@code gpu-check} hold the
     * defaults) and the record checks their ranges.
     */
    public static final class Builder {
        private DeviceChoice device;
        private Precision precision;
        private int photos;
        private int trainBatch;
        private int trainEpochs;
        private int trainSteps;
        private List<Integer> batchSizes = List.of();
        private double secondsPerBatch;
        private int endToEndImages;
        private double latencySeconds;
        private int partitions;
        private int streamThreads;
        private int decodeThreads;
        private Goals goals;

        private Builder() {}

        public Builder device(DeviceChoice v) {
            device = v;
            return this;
        }

        public Builder precision(Precision v) {
            precision = v;
            return this;
        }

        public Builder photos(int v) {
            photos = v;
            return this;
        }

        public Builder trainBatch(int v) {
            trainBatch = v;
            return this;
        }

        public Builder trainEpochs(int v) {
            trainEpochs = v;
            return this;
        }

        public Builder trainSteps(int v) {
            trainSteps = v;
            return this;
        }

        public Builder batchSizes(List<Integer> v) {
            batchSizes = v;
            return this;
        }

        public Builder secondsPerBatch(double v) {
            secondsPerBatch = v;
            return this;
        }

        public Builder endToEndImages(int v) {
            endToEndImages = v;
            return this;
        }

        public Builder latencySeconds(double v) {
            latencySeconds = v;
            return this;
        }

        public Builder partitions(int v) {
            partitions = v;
            return this;
        }

        public Builder streamThreads(int v) {
            streamThreads = v;
            return this;
        }

        public Builder decodeThreads(int v) {
            decodeThreads = v;
            return this;
        }

        public Builder goals(Goals v) {
            goals = v;
            return this;
        }

        public GpuCheckSettings build() {
            return new GpuCheckSettings(
                    device,
                    precision,
                    photos,
                    trainBatch,
                    trainEpochs,
                    trainSteps,
                    batchSizes,
                    secondsPerBatch,
                    endToEndImages,
                    latencySeconds,
                    partitions,
                    streamThreads,
                    decodeThreads,
                    goals);
        }
    }
}
