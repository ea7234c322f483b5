package io.flowerstream.trainer.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.translate.Batchifier;
import io.flowerstream.model.engine.DeviceDefaults;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.net.FlowerNet;
import io.flowerstream.trainer.data.PhotoStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the flower network on the training split of a {@link PhotoStore} and keeps the weights
 * of the epoch with the best validation accuracy.
 *
 * <p>Adam (Keras' epsilon 1e-7) on softmax cross-entropy from the logits (optionally against
 * label-smoothed targets, {@link SmoothedCrossEntropy}); the learning rate is cut when validation
 * accuracy stalls ({@link PlateauLearningRate}) or follows a cosine over the run
 * ({@link CosineLearningRate}). Batches come from a
 * {@link BatchPipeline} that augments the next batch while this one trains. With several devices
 * each batch is split across them, as DJL's {@code EasyTrain} does; one device is the same path.
 */
public final class FlowerTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(FlowerTrainer.class);

    private final TrainingOptions options;
    private final ProgressListener progress;

    public FlowerTrainer(TrainingOptions options, ProgressListener progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Trains {@code model} (fresh or warm-started) on {@code trainIndexes} of {@code store},
     * validating on {@code validationIndexes} after every epoch.
     */
    public TrainingOutcome train(Model model, PhotoStore store, int[] trainIndexes, int[] validationIndexes) {
        if (trainIndexes.length == 0 || validationIndexes.length == 0) {
            throw new IllegalArgumentException("need photos on both sides of the split, got " + trainIndexes.length
                    + " to train and " + validationIndexes.length + " to validate: add labelled images");
        }
        LearningRateSchedule learningRate = schedule(trainIndexes.length);
        Adam.Builder adam = Adam.builder().optLearningRateTracker(learningRate).optEpsilon(1e-7f);
        if (options.weightDecay() > 0) {
            adam.optWeightDecays(options.weightDecay());
        }
        Loss loss = options.labelSmoothing() > 0
                ? new SmoothedCrossEntropy(options.labelSmoothing())
                : Loss.softmaxCrossEntropyLoss();
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(loss).optOptimizer(adam.build()).optDevices(options.devices());
        List<EpochResult> history = new ArrayList<>();
        int bestEpoch = 0;
        byte[] bestParams = null;
        Evaluation bestValidation = null;
        long started = System.nanoTime();
        long trainNanos = 0;
        long trainImages = 0;
        SplittableRandom shuffler = new SplittableRandom(options.seed());
        try (Trainer trainer = model.newTrainer(config);
                BatchPipeline pipeline =
                        BatchPipeline.forDevice(store, options.batchSize(), DeviceDefaults.of(options.devices()[0]))) {
            // The weights are already initialised (Glorot-uniform or warm start): initialize() keeps them.
            trainer.initialize(FlowerNet.inputShape(options.batchSize()));
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                float rate = learningRate.current();
                int[] order = shuffled(trainIndexes, shuffler);
                EpochTotals totals = trainEpoch(trainer, pipeline, order, epoch, shuffler.nextLong());
                long epochTrainNanos = System.nanoTime() - epochStart;
                trainNanos += epochTrainNanos;
                trainImages += totals.images;
                Evaluation validation = Scorer.evaluate(model, pipeline, validationIndexes);
                boolean best = bestValidation == null || validation.accuracy() > bestValidation.accuracy();
                if (best) {
                    bestEpoch = epoch;
                    bestParams = FlowerModels.saveParams(model);
                    bestValidation = validation;
                }
                boolean cut = learningRate.onEpoch(validation.accuracy());
                EpochResult result = new EpochResult(
                        epoch,
                        totals.loss(),
                        totals.accuracy(),
                        validation.loss(),
                        validation.accuracy(),
                        rate,
                        (System.nanoTime() - epochStart) / 1e9,
                        totals.images / (epochTrainNanos / 1e9));
                history.add(result);
                progress.onEpoch(options.epochs(), result, best, cut);
                double spent = (System.nanoTime() - started) / 1e9;
                if (options.maxSeconds() > 0
                        && epoch < options.epochs()
                        && spent + result.seconds() > options.maxSeconds()) {
                    LOG.warn(
                            "stopping after epoch {} of {}: another epoch would end past the --max-minutes budget ({} "
                                    + "s spent of {} s)",
                            epoch,
                            options.epochs(),
                            Math.round(spent),
                            options.maxSeconds());
                    break;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new TrainingOutcome(
                history,
                bestEpoch,
                bestParams,
                bestValidation,
                describe(options.devices()),
                seconds,
                trainImages / (trainNanos / 1e9));
    }

    /** The learning-rate schedule the options name, sized to this run's updates and time budget. */
    private LearningRateSchedule schedule(int trainImages) {
        return switch (options.schedule()) {
            case PLATEAU -> new PlateauLearningRate(options.learningRate(), options.patience(), options.lrFactor());
            case COSINE -> {
                long perEpoch = (trainImages + options.batchSize() - 1) / options.batchSize();
                if (options.maxBatches() > 0) {
                    perEpoch = Math.min(perEpoch, options.maxBatches());
                }
                yield new CosineLearningRate(
                        options.learningRate(),
                        perEpoch * options.epochs(),
                        options.maxSeconds() * 1_000_000_000L,
                        System::nanoTime);
            }
        };
    }

    private EpochTotals trainEpoch(Trainer trainer, BatchPipeline pipeline, int[] order, int epoch, long seed) {
        BatchPipeline.Pass pass = pipeline.start(order, options.maxBatches(), options.augmentation(), seed);
        EpochTotals totals = new EpochTotals();
        long start = System.nanoTime();
        Device[] devices = trainer.getDevices();
        try {
            int done = 0;
            for (BatchSlot slot = pass.next(); slot != null; slot = pass.next()) {
                try (NDManager manager = trainer.getManager().newSubManager()) {
                    int n = slot.size();
                    NDArray images = slot.images(manager);
                    NDArray labels = manager.create(slot.labelBytes(), new Shape(n), DataType.FLOAT32);
                    Batch batch = new Batch(
                            manager,
                            new NDList(images),
                            new NDList(labels),
                            n,
                            Batchifier.STACK,
                            Batchifier.STACK,
                            done,
                            pass.batches());
                    step(trainer, devices.length == 1 ? new Batch[] {batch} : batch.split(devices, false), totals);
                } finally {
                    pass.release(slot);
                }
                done++;
                double elapsed = (System.nanoTime() - start) / 1e9;
                double perSecond = totals.images / elapsed;
                progress.onBatch(
                        epoch,
                        options.epochs(),
                        done,
                        pass.batches(),
                        totals.loss(),
                        totals.accuracy(),
                        perSecond,
                        elapsed / done * (pass.batches() - done));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training epoch " + epoch, e);
        }
        return totals;
    }

    /**
     * Forward and backward on each device's share of the batch, then one optimizer step. The
     * step's loss and count of right answers stay on the device until both are read back in one
     * copy per share: on a GPU each read is a synchronisation, and two per step would be twice
     * the stall.
     */
    private static void step(Trainer trainer, Batch[] shares, EpochTotals totals) {
        try (GradientCollector collector = trainer.newGradientCollector()) {
            for (Batch share : shares) {
                NDList labels = share.getLabels();
                NDList predictions = trainer.forward(share.getData(), labels);
                NDArray loss = trainer.getLoss().evaluate(labels, predictions);
                collector.backward(loss);
                int n = Math.toIntExact(labels.head().size());
                NDArray right = predictions
                        .head()
                        .argMax(1)
                        .toType(DataType.FLOAT32, false)
                        .eq(labels.head())
                        .toType(DataType.FLOAT32, false)
                        .sum();
                float[] lossAndRight = NDArrays.stack(new NDList(loss.reshape(1), right.reshape(1)))
                        .toFloatArray();
                totals.add(n, lossAndRight[0], Math.round(lossAndRight[1]));
            }
        }
        trainer.step();
    }

    private static int[] shuffled(int[] indexes, SplittableRandom random) {
        int[] order = indexes.clone();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static String describe(Device[] devices) {
        return Arrays.stream(devices).map(Device::toString).collect(Collectors.joining("+"));
    }

    /** Running sums of an epoch. */
    private static final class EpochTotals {
        long images;
        double lossSum;
        double correct;

        void add(int n, float meanLoss, long right) {
            images += n;
            lossSum += (double) meanLoss * n;
            correct += right;
        }

        double loss() {
            return images == 0 ? 0 : lossSum / images;
        }

        double accuracy() {
            return images == 0 ? 0 : correct / images;
        }
    }
}
