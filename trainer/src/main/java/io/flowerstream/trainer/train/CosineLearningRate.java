package io.flowerstream.trainer.train;

import java.util.function.LongSupplier;

/**
 * Cosine decay from the starting rate to zero over a run. A run ends after its epochs or when
 * its time budget ({@code --max-minutes}) is spent, whichever comes first, and on a shared CPU
 * nobody knows in advance how many epochs the budget holds; so progress is the larger of the
 * updates done over the updates planned and the time spent over the budget, and the rate reaches
 * its low end as the run does, however it ends.
 *
 * <p>Unlike the plateau rule it does not react to validation accuracy, which on a few hundred
 * validation photos moves by a point or two from noise alone and cut the rate too early.
 */
public final class CosineLearningRate implements LearningRateSchedule {

    private final float initial;
    private final long plannedUpdates;
    private final long budgetNanos;
    private final LongSupplier clock;
    private final long start;
    private volatile float value;

    /**
     * @param initial        the rate at the start
     * @param plannedUpdates optimizer updates in all the epochs asked for
     * @param budgetNanos    the run's time budget; 0 for none
     * @param clock          nanoseconds, {@link System#nanoTime} outside tests
     */
    public CosineLearningRate(float initial, long plannedUpdates, long budgetNanos, LongSupplier clock) {
        if (plannedUpdates < 1) {
            throw new IllegalArgumentException(
                    "a cosine schedule needs at least one planned update, got " + plannedUpdates);
        }
        this.initial = initial;
        this.plannedUpdates = plannedUpdates;
        this.budgetNanos = budgetNanos;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.value = initial;
    }

    @Override
    public float getNewValue(int numUpdate) {
        value = (float) (initial * 0.5 * (1 + Math.cos(Math.PI * progress(numUpdate))));
        return value;
    }

    /** How far the run is, 0 to 1: the larger of its update count and its time against their limits. */
    double progress(int numUpdate) {
        double byUpdates = (double) numUpdate / plannedUpdates;
        double byTime = budgetNanos > 0 ? (double) (clock.getAsLong() - start) / budgetNanos : 0;
        return Math.min(1, Math.max(byUpdates, byTime));
    }

    @Override
    public float current() {
        return value;
    }

    @Override
    public boolean onEpoch(double validationAccuracy) {
        return false;
    }
}
