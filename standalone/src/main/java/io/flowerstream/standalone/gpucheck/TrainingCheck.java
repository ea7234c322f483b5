package io.flowerstream.standalone.gpucheck;

import ai.djl.Device;
import ai.djl.Model;
import io.flowerstream.model.engine.DeviceDefaults;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.trainer.data.PhotoStore;
import io.flowerstream.trainer.train.EpochResult;
import io.flowerstream.trainer.train.FlowerTrainer;
import io.flowerstream.trainer.train.ProgressListener;
import io.flowerstream.trainer.train.TrainingOptions;
import io.flowerstream.trainer.train.TrainingOutcome;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Trains the seed's network on the generated pictures with the trainer itself
 * ({@link FlowerTrainer}: its batch loader, augmentation and optimizer), for a fixed number of
 * steps per epoch, and reports whether the loss fell and how fast the steps went.
 */
final class TrainingCheck {

    /**
     * What the training run showed.
     *
     * @param batchSize        images per step
     * @param epochs           epochs run
     * @param stepsPerEpoch    steps per epoch
     * @param epochLosses      mean training loss of each epoch
     * @param lossFell         whether the last epoch's loss is below the first's
     * @param imagesPerSecond  training images/s of the last epoch (the first includes warm-up)
     * @param loaderThreads    threads augmenting batches (chosen by the device)
     * @param prefetchBatches  batches kept ready for the engine (chosen by the device)
     */
    record Report(
            int batchSize,
            int epochs,
            int stepsPerEpoch,
            List<Double> epochLosses,
            boolean lossFell,
            double imagesPerSecond,
            int loaderThreads,
            int prefetchBatches) {}

    private TrainingCheck() {}

    static Report run(PhotoStore store, Device device, int batch, int epochs, int steps) {
        // Every step a full batch: the pictures in turn, as often as the steps need.
        int[] train =
                IntStream.range(0, batch * steps).map(i -> i % store.size()).toArray();
        int[] validation = IntStream.range(0, Math.min(store.size(), batch)).toArray();
        TrainingOptions options = TrainingOptions.builder()
                .epochs(epochs)
                .batchSize(batch)
                .maxBatches(steps)
                .devices(new Device[] {device})
                .build();
        TrainingOutcome outcome;
        try (Model model = FlowerModels.newModel(device)) {
            outcome = new FlowerTrainer(options, ProgressListener.NONE).train(model, store, train, validation);
        }
        List<Double> losses = outcome.history().stream().map(EpochResult::loss).toList();
        EpochResult last = outcome.history().get(outcome.history().size() - 1);
        DeviceDefaults defaults = DeviceDefaults.of(device);
        return new Report(
                batch,
                outcome.history().size(),
                steps,
                losses,
                losses.get(losses.size() - 1) < losses.get(0),
                last.imagesPerSecond(),
                defaults.loaderThreads(),
                defaults.prefetchBatches());
    }
}
