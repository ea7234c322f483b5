package io.flowerstream.trainer.run;

import io.flowerstream.trainer.calibrate.AbstainRule;
import io.flowerstream.trainer.train.TrainingOptions;
import java.nio.file.Path;

/**
 * Everything one training run is asked to do beyond training itself.
 *
 * @param training      the training knobs
 * @param margin        accuracy the new version must gain over the champion to be promoted
 * @param forcePromote  promote whatever the gate says ({@code --promote})
 * @param warmStart     start from the champion's weights instead of a fresh network
 * @param loaderThreads threads decoding photos at the start of the run
 * @param saveParams    where to also write the best weights on disk, or null
 * @param limit         use at most this many photos, spread evenly over the manifest (smoke runs); 0 for all
 * @param abstain       how the published version's abstain threshold is chosen
 * @param newPhotoShare the share of each epoch the sampler gives to photos new to the champion (0: off)
 */
public record RunSettings(TrainingOptions training, double margin, boolean forcePromote, boolean warmStart,
                          int loaderThreads, Path saveParams, int limit, AbstainRule abstain, double newPhotoShare) {

    /** The sampler's default share: see docs/trainer.md, "Retraining on a new source". */
    public static final double DEFAULT_NEW_PHOTO_SHARE = 0.3;

    public RunSettings {
        abstain = abstain == null ? AbstainRule.defaults() : abstain;
    }

    /** Settings with the default new-photo share. */
    public RunSettings(TrainingOptions training, double margin, boolean forcePromote, boolean warmStart,
                       int loaderThreads, Path saveParams, int limit, AbstainRule abstain) {
        this(training, margin, forcePromote, warmStart, loaderThreads, saveParams, limit, abstain, DEFAULT_NEW_PHOTO_SHARE);
    }

    /** Settings with the default abstain rule. */
    public RunSettings(TrainingOptions training, double margin, boolean forcePromote, boolean warmStart,
                       int loaderThreads, Path saveParams, int limit) {
        this(training, margin, forcePromote, warmStart, loaderThreads, saveParams, limit, AbstainRule.defaults());
    }

    /** Defaults: the seed's training, margin 0, no force, fresh network, two decoding threads. */
    public static RunSettings defaults() {
        return new RunSettings(TrainingOptions.defaults(), 0, false, false, 2, null, 0);
    }

    public RunSettings withTraining(TrainingOptions value) {
        return new RunSettings(value, margin, forcePromote, warmStart, loaderThreads, saveParams, limit, abstain, newPhotoShare);
    }

    public RunSettings withMargin(double value) {
        return new RunSettings(training, value, forcePromote, warmStart, loaderThreads, saveParams, limit, abstain, newPhotoShare);
    }

    public RunSettings withAbstain(AbstainRule value) {
        return new RunSettings(training, margin, forcePromote, warmStart, loaderThreads, saveParams, limit, value, newPhotoShare);
    }

    public RunSettings withNewPhotoShare(double value) {
        return new RunSettings(training, margin, forcePromote, warmStart, loaderThreads, saveParams, limit, abstain, value);
    }

    public RunSettings withWarmStart(boolean value) {
        return new RunSettings(training, margin, forcePromote, value, loaderThreads, saveParams, limit, abstain, newPhotoShare);
    }
}
