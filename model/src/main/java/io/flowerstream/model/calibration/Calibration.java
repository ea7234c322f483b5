package io.flowerstream.model.calibration;

import io.flowerstream.model.predict.FlowerScores;

/**
 * How a model version's scores are made honest before they are served: a softmax temperature fitted
 * on its validation photos, and the calibrated confidence below which a prediction is marked
 * {@code unsure}. Stored in the version's {@code metadata.json}.
 *
 * <p>Temperature scaling divides the network's logits by {@code temperature} before the softmax. The
 * network hands out softmax scores, not logits, but {@code log(p_i)} differs from the logit {@code z_i}
 * only by a constant per image, which the softmax cancels, so {@code softmax(log(p) / T)} equals
 * {@code softmax(z / T)} and the scores alone suffice.
 *
 * @param temperature  above 1 softens an over-confident network, below 1 sharpens an under-confident one
 * @param abstainBelow calibrated top-1 confidence under which a prediction is unsure; 0 marks nothing unsure
 * @param rule         how {@code abstainBelow} was chosen, in words, for people reading the metadata
 */
public record Calibration(double temperature, double abstainBelow, String rule) {

    /** What a version published before calibration existed gets: scores as they are, nothing unsure. */
    public static final Calibration NONE = new Calibration(1.0, 0.0, "none: published before calibration");

    /** Scores this small still have a finite logarithm, so a class the network rules out stays ruled out. */
    private static final double FLOOR = 1e-30;

    public Calibration {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("calibration temperature must be a positive number, was " + temperature
                    + ": refit the version's calibration");
        }
        if (!(abstainBelow >= 0 && abstainBelow <= 1)) {
            throw new IllegalArgumentException("abstain threshold must be within [0, 1], was " + abstainBelow);
        }
    }

    /** {@code calibration} itself, or {@link #NONE} for metadata written before calibration existed. */
    public static Calibration orNone(Calibration calibration) {
        return calibration == null ? NONE : calibration;
    }

    /** Softmax scores rescaled by the temperature; sums to 1 again. */
    public float[] apply(float[] scores) {
        double[] calibrated = apply(toDouble(scores), temperature);
        float[] out = new float[calibrated.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) calibrated[i];
        }
        return out;
    }

    /** {@link #apply(float[])} on a prediction's scores. */
    public FlowerScores apply(FlowerScores scores) {
        return temperature == 1.0 ? scores : new FlowerScores(apply(scores.scores()));
    }

    /** Whether a prediction with this calibrated top-1 confidence is unsure. */
    public boolean isUnsure(double calibratedConfidence) {
        return calibratedConfidence < abstainBelow;
    }

    /** Softmax of {@code log(scores) / temperature}, computed stably. */
    public static double[] apply(double[] scores, double temperature) {
        double[] out = new double[scores.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            out[i] = Math.log(Math.max(scores[i], FLOOR)) / temperature;
            max = Math.max(max, out[i]);
        }
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(out[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    private static double[] toDouble(float[] scores) {
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = scores[i];
        }
        return out;
    }
}
