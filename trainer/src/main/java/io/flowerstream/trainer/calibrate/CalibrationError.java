package io.flowerstream.trainer.calibrate;

/**
 * Expected calibration error: how far, on average, a network's top-1 confidence is from how often it is
 * right. Predictions are put in 15 equal-width confidence bins; each bin contributes the gap between its
 * accuracy and its mean confidence, weighted by its share of the predictions. 0 is perfectly calibrated.
 */
public final class CalibrationError {

    /** Bins, as in Guo et al. (2017). */
    public static final int BINS = 15;

    private CalibrationError() {}

    /**
     * The expected calibration error of {@code probabilities} (rows of class scores) against {@code labels}; 0 for no
     * photos.
     */
    public static double expected(double[][] probabilities, int[] labels) {
        double[] confidenceSum = new double[BINS];
        int[] right = new int[BINS];
        int[] count = new int[BINS];
        for (int i = 0; i < probabilities.length; i++) {
            int best = argmax(probabilities[i]);
            double confidence = probabilities[i][best];
            int bin = Math.min(BINS - 1, (int) (confidence * BINS));
            confidenceSum[bin] += confidence;
            count[bin]++;
            if (best == labels[i]) {
                right[bin]++;
            }
        }
        double error = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                error += Math.abs((double) right[b] / count[b] - confidenceSum[b] / count[b]) * count[b];
            }
        }
        return probabilities.length == 0 ? 0 : error / probabilities.length;
    }

    static int argmax(double[] scores) {
        int best = 0;
        for (int c = 1; c < scores.length; c++) {
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        return best;
    }
}
