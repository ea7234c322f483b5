package io.flowerstream.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.trainer.train.Evaluation;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EvaluateCalibrationReportTest {

    private static final Pattern ERRORS =
            Pattern.compile("expected calibration error ([0-9.]+) before, ([0-9.]+) after");

    /** Scores of softmax(4z) for photos whose classes are drawn from softmax(z): over-confident by 4. */
    private static Evaluation overConfident(int photos, long seed) {
        Random random = new Random(seed);
        double[][] reported = new double[photos][];
        int[] labels = new int[photos];
        for (int i = 0; i < photos; i++) {
            double[] z = new double[5];
            for (int c = 0; c < 5; c++) {
                z[c] = random.nextGaussian();
            }
            double[] honest = new double[5];
            double[] sharp = new double[5];
            double sumHonest = 0;
            double sumSharp = 0;
            for (int c = 0; c < 5; c++) {
                honest[c] = Math.exp(z[c]);
                sharp[c] = Math.exp(4 * z[c]);
                sumHonest += honest[c];
                sumSharp += sharp[c];
            }
            double u = random.nextDouble() * sumHonest;
            int label = 4;
            for (int c = 0; c < 5; c++) {
                u -= honest[c];
                if (u < 0) {
                    label = c;
                    break;
                }
            }
            for (int c = 0; c < 5; c++) {
                sharp[c] /= sumSharp;
            }
            reported[i] = sharp;
            labels[i] = label;
        }
        return Evaluation.ofScores(reported, labels);
    }

    private static double[] errors(String report) {
        Matcher m = ERRORS.matcher(report);
        assertThat(m.find()).as(report).isTrue();
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    @Test
    void prints_a_lower_expected_calibration_error_after_the_stored_temperature_on_an_over_confident_set() {
        String report = EvaluateCommand.calibrationReport(
                overConfident(3000, 1), new Calibration(4.0, 0.5, "test"), "version 9");

        double[] e = errors(report);
        assertThat(report).contains("version 9's stored temperature", "temperature 4.000");
        assertThat(e[1]).isLessThan(e[0] / 3);
    }

    @Test
    void fits_a_temperature_on_the_photos_when_none_is_stored_and_says_the_figure_is_optimistic() {
        String report = EvaluateCommand.calibrationReport(overConfident(3000, 2), null, "model.params");

        double[] e = errors(report);
        assertThat(report).contains("has none stored", "optimistic");
        assertThat(e[1]).isLessThan(e[0] / 3);
    }
}
