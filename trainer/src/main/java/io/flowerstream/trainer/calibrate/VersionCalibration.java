package io.flowerstream.trainer.calibrate;

import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.trainer.train.Evaluation;

/**
 * A version's calibration, fitted on its validation predictions, with the expected calibration error
 * before and after, so that the run's log and {@code trainer evaluate} can show what it changed.
 *
 * @param calibration the temperature and abstain threshold to publish
 * @param eceBefore   expected calibration error of the raw scores
 * @param eceAfter    expected calibration error of the calibrated scores
 * @param unsureShare share of the validation photos the threshold marks unsure
 */
public record VersionCalibration(Calibration calibration, double eceBefore, double eceAfter, double unsureShare) {

    /** Fits the temperature on {@code validation}'s scores and chooses the threshold by {@code rule}. */
    public static VersionCalibration fit(Evaluation validation, AbstainRule rule) {
        double[][] raw = validation.probabilities();
        int[] labels = validation.labels();
        double temperature = TemperatureFit.fit(raw, labels);
        double[][] calibrated = scaled(raw, temperature);
        AbstainRule.Choice choice = rule.choose(calibrated, labels);
        Calibration calibration = new Calibration(
                temperature,
                choice.threshold(),
                String.format(
                        "temperature fitted on %d validation photos; abstain: " + "%s",
                        raw.length, choice.description()));
        return new VersionCalibration(
                calibration,
                CalibrationError.expected(raw, labels),
                CalibrationError.expected(calibrated, labels),
                unsureShare(calibrated, calibration));
    }

    /**
     * Scores of {@code evaluation} under an existing calibration (a published version's), and the errors before and
     * after.
     */
    public static VersionCalibration of(Evaluation evaluation, Calibration calibration) {
        double[][] raw = evaluation.probabilities();
        int[] labels = evaluation.labels();
        double[][] calibrated = scaled(raw, calibration.temperature());
        return new VersionCalibration(
                calibration,
                CalibrationError.expected(raw, labels),
                CalibrationError.expected(calibrated, labels),
                unsureShare(calibrated, calibration));
    }

    /** Each row of {@code probabilities} rescaled by {@code temperature}. */
    public static double[][] scaled(double[][] probabilities, double temperature) {
        double[][] out = new double[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            out[i] = Calibration.apply(probabilities[i], temperature);
        }
        return out;
    }

    /** One line for logs and reports. */
    public String summary() {
        return String.format(
                "temperature %.3f, expected calibration error %.4f before, %.4f after; abstain below %.2f (%.1f%% of "
                        + "these photos unsure)",
                calibration.temperature(), eceBefore, eceAfter, calibration.abstainBelow(), unsureShare * 100);
    }

    private static double unsureShare(double[][] calibrated, Calibration calibration) {
        int unsure = 0;
        for (double[] p : calibrated) {
            if (calibration.isUnsure(p[CalibrationError.argmax(p)])) {
                unsure++;
            }
        }
        return calibrated.length == 0 ? 0 : (double) unsure / calibrated.length;
    }
}
