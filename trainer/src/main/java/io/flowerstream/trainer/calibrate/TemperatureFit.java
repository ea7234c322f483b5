package io.flowerstream.trainer.calibrate;

import io.flowerstream.model.calibration.Calibration;

/**
 * Fits the softmax temperature that minimises the negative log-likelihood of a version's validation
 * predictions (Guo et al., "On Calibration of Modern Neural Networks", 2017): one parameter, so it
 * cannot overfit a few hundred photos, and it never changes which class wins.
 *
 * <p>The likelihood is convex in the inverse temperature, so a golden-section search over it finds the
 * optimum; it is searched within [1/20, 20] (temperatures 0.05 to 20), far wider than networks need.
 */
public final class TemperatureFit {

    private static final double LOW = 1.0 / 20;
    private static final double HIGH = 20;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private TemperatureFit() {}

    /**
     * The temperature for scores {@code probabilities[i]} (softmax outputs, each row summing to 1) whose
     * true classes are {@code labels[i]}; 1 when there are no photos.
     */
    public static double fit(double[][] probabilities, int[] labels) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(probabilities.length + " predictions but " + labels.length + " labels");
        }
        if (probabilities.length == 0) {
            return 1.0;
        }
        double a = LOW;
        double b = HIGH;
        double c = b - GOLDEN * (b - a);
        double d = a + GOLDEN * (b - a);
        double fc = nll(probabilities, labels, 1 / c);
        double fd = nll(probabilities, labels, 1 / d);
        for (int i = 0; i < 100 && b - a > 1e-6; i++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - GOLDEN * (b - a);
                fc = nll(probabilities, labels, 1 / c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + GOLDEN * (b - a);
                fd = nll(probabilities, labels, 1 / d);
            }
        }
        return 1 / ((a + b) / 2);
    }

    /** Mean negative log-likelihood of the true classes after scaling by {@code temperature}. */
    public static double nll(double[][] probabilities, int[] labels, double temperature) {
        double total = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = Calibration.apply(probabilities[i], temperature)[labels[i]];
            total -= Math.log(Math.max(p, 1e-300));
        }
        return total / Math.max(1, probabilities.length);
    }
}
