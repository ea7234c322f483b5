package io.flowerstream.trainer.calibrate;

/**
 * How a version's abstain threshold is chosen from its calibrated validation predictions.
 *
 * <p>With a {@code fixedThreshold}, that is the threshold. Otherwise the threshold is the lowest
 * calibrated confidence, on a grid of 0.01, at which the validation predictions at or above it are
 * right at least {@code targetPrecision} of the time while at least {@code minCoverage} of the photos
 * stay at or above it: predictions below it are marked unsure. When no threshold reaches the target
 * (a weak version), the one with the highest precision that keeps {@code minCoverage} is taken, and the
 * rule's description says so.
 *
 * @param targetPrecision wanted share of sure predictions that are right, 0-1 (default 0.90)
 * @param fixedThreshold  a threshold to use as it is, or null to choose by precision
 * @param minCoverage     least share of photos that must stay sure, 0-1 (default 0.10)
 */
public record AbstainRule(double targetPrecision, Double fixedThreshold, double minCoverage) {

    /** Default target precision of the sure predictions. */
    public static final double DEFAULT_TARGET_PRECISION = 0.90;

    /** Default least share of sure predictions. */
    public static final double DEFAULT_MIN_COVERAGE = 0.10;

    public AbstainRule {
        if (!(targetPrecision > 0 && targetPrecision <= 1)) {
            throw new IllegalArgumentException("abstain target precision must be in (0, 1], was " + targetPrecision);
        }
        if (fixedThreshold != null && !(fixedThreshold >= 0 && fixedThreshold <= 1)) {
            throw new IllegalArgumentException("abstain threshold must be in [0, 1], was " + fixedThreshold);
        }
        if (!(minCoverage >= 0 && minCoverage <= 1)) {
            throw new IllegalArgumentException("abstain minimum coverage must be in [0, 1], was " + minCoverage);
        }
    }

    /** Target precision 0.90, at least 10% of photos sure. */
    public static AbstainRule defaults() {
        return new AbstainRule(DEFAULT_TARGET_PRECISION, null, DEFAULT_MIN_COVERAGE);
    }

    /** The chosen threshold and the rule in words, for {@code metadata.json}. */
    public record Choice(double threshold, String description) {}

    /** Chooses the threshold for calibrated {@code probabilities} with true classes {@code labels}. */
    public Choice choose(double[][] probabilities, int[] labels) {
        if (fixedThreshold != null) {
            return new Choice(fixedThreshold, String.format("fixed threshold %.2f", fixedThreshold));
        }
        int n = probabilities.length;
        if (n == 0) {
            return new Choice(0, "no validation photos: nothing marked unsure");
        }
        double[] confidence = new double[n];
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) {
            int best = CalibrationError.argmax(probabilities[i]);
            confidence[i] = probabilities[i][best];
            right[i] = best == labels[i];
        }
        double bestPrecision = -1;
        double bestThreshold = 0;
        for (int step = 0; step < 100; step++) {
            double t = step / 100.0;
            int kept = 0;
            int keptRight = 0;
            for (int i = 0; i < n; i++) {
                if (confidence[i] >= t) {
                    kept++;
                    keptRight += right[i] ? 1 : 0;
                }
            }
            if (kept == 0 || (double) kept / n < minCoverage) {
                break; // higher thresholds keep even fewer
            }
            double precision = (double) keptRight / kept;
            if (precision >= targetPrecision) {
                return new Choice(
                        t,
                        String.format(
                                "lowest calibrated confidence with validation precision >= %.2f (%.3f on %d of %d "
                                        + "photos)",
                                targetPrecision, precision, kept, n));
            }
            if (precision > bestPrecision) {
                bestPrecision = precision;
                bestThreshold = t;
            }
        }
        return new Choice(
                bestThreshold,
                String.format(
                        "target precision %.2f not reached with %.0f%% of photos sure: threshold of the highest "
                                + "validation precision (%.3f)",
                        targetPrecision, minCoverage * 100, bestPrecision));
    }
}
