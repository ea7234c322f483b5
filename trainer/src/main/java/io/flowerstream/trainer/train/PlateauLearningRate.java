package io.flowerstream.trainer.train;

/**
 * Keras' {@code ReduceLROnPlateau} on validation accuracy, as a DJL learning-rate {@link
 * ai.djl.training.tracker.Tracker}:
 * the optimizer asks it for the rate at every update, and the trainer tells it after each
 * epoch how validation went. DJL's own trackers follow a fixed schedule of update counts, which
 * cannot react to validation.
 */
public final class PlateauLearningRate implements LearningRateSchedule {

    private final int patience;
    private final float factor;
    private final float minimum;
    private volatile float value;
    private double best = Double.NEGATIVE_INFINITY;
    private int stalled;

    /** Starts at {@code initial}; multiplied by {@code factor} after {@code patience} epochs without improvement. */
    public PlateauLearningRate(float initial, int patience, float factor) {
        this.value = initial;
        this.patience = patience;
        this.factor = factor;
        this.minimum = initial * 1e-4f;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return value;
    }

    @Override
    public float current() {
        return value;
    }

    @Override
    public boolean onEpoch(double validationAccuracy) {
        if (validationAccuracy > best) {
            best = validationAccuracy;
            stalled = 0;
            return false;
        }
        stalled++;
        if (stalled >= patience && value > minimum) {
            value = Math.max(minimum, value * factor);
            stalled = 0;
            return true;
        }
        return false;
    }
}
