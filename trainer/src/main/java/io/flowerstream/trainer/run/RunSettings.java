package io.flowerstream.trainer.run;

import io.flowerstream.trainer.calibrate.AbstainRule;
import io.flowerstream.trainer.train.TrainingOptions;
import java.nio.file.Path;

/**
 * Everything one training run is asked to do beyond training itself, built with {@link #builder()}.
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
public record RunSettings(
        TrainingOptions training,
        double margin,
        boolean forcePromote,
        boolean warmStart,
        int loaderThreads,
        Path saveParams,
        int limit,
        AbstainRule abstain,
        double newPhotoShare) {

    /** The sampler's default share: see docs/trainer.md, "Retraining on a new source". */
    public static final double DEFAULT_NEW_PHOTO_SHARE = 0.3;

    public RunSettings {
        abstain = abstain == null ? AbstainRule.defaults() : abstain;
    }

    /** Defaults: the seed's training, margin 0, no force, fresh network, two decoding threads. */
    public static RunSettings defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}; set only what differs. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.training = training;
        b.margin = margin;
        b.forcePromote = forcePromote;
        b.warmStart = warmStart;
        b.loaderThreads = loaderThreads;
        b.saveParams = saveParams;
        b.limit = limit;
        b.abstain = abstain;
        b.newPhotoShare = newPhotoShare;
        return b;
    }

    /** Builds run settings setting by setting; the defaults are written here only. */
    public static final class Builder {
        private TrainingOptions training = TrainingOptions.defaults();
        private double margin;
        private boolean forcePromote;
        private boolean warmStart;
        private int loaderThreads = 2;
        private Path saveParams;
        private int limit;
        private AbstainRule abstain = AbstainRule.defaults();
        private double newPhotoShare = DEFAULT_NEW_PHOTO_SHARE;

        private Builder() {}

        public Builder training(TrainingOptions v) {
            training = v;
            return this;
        }

        public Builder margin(double v) {
            margin = v;
            return this;
        }

        public Builder forcePromote(boolean v) {
            forcePromote = v;
            return this;
        }

        public Builder warmStart(boolean v) {
            warmStart = v;
            return this;
        }

        public Builder loaderThreads(int v) {
            loaderThreads = v;
            return this;
        }

        public Builder saveParams(Path v) {
            saveParams = v;
            return this;
        }

        public Builder limit(int v) {
            limit = v;
            return this;
        }

        public Builder abstain(AbstainRule v) {
            abstain = v;
            return this;
        }

        public Builder newPhotoShare(double v) {
            newPhotoShare = v;
            return this;
        }

        public RunSettings build() {
            return new RunSettings(
                    training,
                    margin,
                    forcePromote,
                    warmStart,
                    loaderThreads,
                    saveParams,
                    limit,
                    abstain,
                    newPhotoShare);
        }
    }
}
