package io.flowerstream.trainer.cli;

import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.Architecture;
import io.flowerstream.trainer.augment.Augmentation;
import io.flowerstream.trainer.calibrate.AbstainRule;
import io.flowerstream.trainer.run.RunSettings;
import io.flowerstream.trainer.train.LearningRateSchedule;
import io.flowerstream.trainer.train.TrainingOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The training options shared by {@code train} and {@code serve}; each has an environment variable. */
final class TrainingFlags {

    @Option(
            names = "--epochs",
            defaultValue = "${env:TRAIN_EPOCHS:-15}",
            description = "epochs (env TRAIN_EPOCHS; default ${DEFAULT-VALUE})")
    int epochs;

    @Option(
            names = "--batch-size",
            defaultValue = "${env:TRAIN_BATCH_SIZE:-32}",
            description = "images per step (env TRAIN_BATCH_SIZE; default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(
            names = "--learning-rate",
            defaultValue = "${env:TRAIN_LEARNING_RATE:-0.001}",
            description = "Adam's starting rate (default ${DEFAULT-VALUE})")
    float learningRate;

    @Option(
            names = "--weight-decay",
            defaultValue = "${env:TRAIN_WEIGHT_DECAY:-0}",
            description = "L2 weight decay (default ${DEFAULT-VALUE})")
    float weightDecay;

    @Option(
            names = "--patience",
            defaultValue = "3",
            description =
                    "with --schedule plateau: epochs without a better validation accuracy before the rate is cut by 10 "
                            + "(default ${DEFAULT-VALUE})")
    int patience;

    @Option(
            names = "--schedule",
            defaultValue = "${env:TRAIN_SCHEDULE:-plateau}",
            description = "learning-rate schedule: plateau (cut by 10 when validation stalls, the seed's) or cosine "
                    + "(decays to zero over --epochs or --max-minutes, whichever ends first) (env TRAIN_SCHEDULE; "
                    + "default ${DEFAULT-VALUE})")
    String schedule;

    @Option(
            names = "--label-smoothing",
            defaultValue = "${env:TRAIN_LABEL_SMOOTHING:-0}",
            description = "share of each target spread over all classes, 0 to 1 (env TRAIN_LABEL_SMOOTHING; default "
                    + "${DEFAULT-VALUE})")
    float labelSmoothing;

    @Option(
            names = "--seed",
            defaultValue = "${env:TRAIN_SEED:-42}",
            description = "seed of the initial weights, dropout, shuffling and augmentation (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--device",
            defaultValue = "${env:DEVICE:-auto}",
            description = "auto, cpu or gpu: every GPU when there are several (env DEVICE; default ${DEFAULT-VALUE})")
    String device;

    @Option(
            names = "--max-batches",
            defaultValue = "0",
            description = "cap on batches per epoch, for smoke runs; 0: no cap")
    int maxBatches;

    @Option(names = "--limit", defaultValue = "0", description = "use at most this many photos, for smoke runs; 0: all")
    int limit;

    @Option(
            names = "--max-minutes",
            defaultValue = "0",
            description = "stop before an epoch that would end past this much training time; 0: no limit")
    long maxMinutes;

    @Option(
            names = "--augmentation",
            defaultValue = "${env:TRAIN_AUGMENTATION:-sources}",
            description = "sources: the seed's shifts, turns and flips, then crops, light, colour, thumbnails and JPEG "
                    + "compression as photos from other sources differ; seed: the seed's alone; none (env "
                    + "TRAIN_AUGMENTATION; default ${DEFAULT-VALUE})")
    String augmentation;

    @Option(
            names = "--no-augmentation",
            description = "train on the photos as they are (comparisons only; the same as " + "--augmentation none)")
    boolean noAugmentation;

    @Option(
            names = "--architecture",
            defaultValue = "${env:TRAIN_ARCHITECTURE:-flowers-cnn-bn}",
            description = "the network a fresh run builds: flowers-cnn-bn, or the seed's flowers-cnn-seed (env "
                    + "TRAIN_ARCHITECTURE; default ${DEFAULT-VALUE}); a warm start keeps the champion's")
    String architecture;

    @Option(names = "--warm-start", description = "start from the champion's weights instead of a fresh network")
    boolean warmStart;

    @Option(
            names = "--margin",
            defaultValue = "${env:PROMOTION_MARGIN:-0}",
            description =
                    "accuracy (0-1) a new version must gain over the champion on the same validation photos to be "
                            + "promoted (env PROMOTION_MARGIN; default ${DEFAULT-VALUE})")
    double margin;

    @Option(names = "--promote", description = "make the new version champion whatever the gate says")
    boolean promote;

    @Option(
            names = "--loader-threads",
            defaultValue = "2",
            description = "threads decoding photos at the start of a run (default ${DEFAULT-VALUE})")
    int loaderThreads;

    @Option(names = "--save-params", description = "also write the best weights to this file")
    Path saveParams;

    @Option(
            names = "--abstain-precision",
            defaultValue = "${env:ABSTAIN_TARGET_PRECISION:-0.90}",
            description = "the abstain threshold is the lowest calibrated confidence at which the version's validation "
                    + "predictions are right this often, 0-1 (env ABSTAIN_TARGET_PRECISION; default ${DEFAULT-VALUE})")
    double abstainPrecision;

    @Option(
            names = "--abstain-below",
            defaultValue = "${env:ABSTAIN_BELOW:-}",
            description =
                    "use this calibrated confidence (0-1) as the abstain threshold instead of --abstain-precision (env "
                            + "ABSTAIN_BELOW; default: unset)")
    String abstainBelow;

    @Option(
            names = "--new-photo-share",
            defaultValue = "${env:TRAIN_NEW_PHOTO_SHARE:-0.3}",
            description =
                    "least share (0 to under 1) of each epoch given to training photos the champion has not seen, by "
                            + "repeating them (at most 10 times); 0 switches the sampler off (env "
                            + "TRAIN_NEW_PHOTO_SHARE; default ${DEFAULT-VALUE})")
    double newPhotoShare;

    RunSettings settings() {
        TrainingOptions training = TrainingOptions.builder()
                .epochs(epochs)
                .batchSize(batchSize)
                .learningRate(learningRate)
                .seed(seed)
                .maxBatches(maxBatches)
                .patience(patience)
                .weightDecay(weightDecay)
                .schedule(LearningRateSchedule.Kind.parse(schedule))
                .labelSmoothing(labelSmoothing)
                .augmentation(
                        noAugmentation
                                ? Augmentation.none()
                                : Augmentation.Recipe.of(augmentation).augmentation())
                .architecture(Architecture.of(architecture))
                .devices(DeviceChoice.parse(device).resolveAll(DjlRuntime.engine()))
                .maxSeconds(maxMinutes * 60)
                .build();
        Double fixed = abstainBelow == null || abstainBelow.isBlank() ? null : Double.valueOf(abstainBelow.trim());
        return RunSettings.builder()
                .training(training)
                .margin(margin)
                .forcePromote(promote)
                .warmStart(warmStart)
                .loaderThreads(loaderThreads)
                .saveParams(saveParams)
                .limit(limit)
                .abstain(new AbstainRule(abstainPrecision, fixed, AbstainRule.DEFAULT_MIN_COVERAGE))
                .newPhotoShare(newPhotoShare)
                .build();
    }
}
