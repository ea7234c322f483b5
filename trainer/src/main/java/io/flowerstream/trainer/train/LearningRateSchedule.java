package io.flowerstream.trainer.train;

import ai.djl.training.tracker.Tracker;
import java.util.Locale;

/**
 * A learning rate that Adam reads at every update and the trainer informs after every epoch.
 * Two kinds: the seed's cut-on-plateau ({@link PlateauLearningRate}) and a cosine decay over
 * the run's length ({@link CosineLearningRate}).
 */
public interface LearningRateSchedule extends Tracker {

    /** The rate now. */
    float current();

    /** Records an epoch's validation accuracy; true when this cut the rate. */
    boolean onEpoch(double validationAccuracy);

    /** The schedules {@code --schedule} names. */
    enum Kind {
        /** Divided by a factor after {@code patience} epochs without a better validation accuracy (the seed's). */
        PLATEAU,
        /**
         * Half a cosine from the starting rate down to zero over the epochs or the time budget, whichever ends first.
         */
        COSINE;

        /** Parses {@code plateau} or {@code cosine}, any case. */
        public static Kind parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown learning-rate schedule '" + text + "': use plateau or cosine", e);
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
