package io.flowerstream.trainer.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flowerstream.model.calibration.Calibration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationFitTest {

    /**
     * A synthetic over-confident network: the true class of each photo is drawn from softmax(z), so
     * softmax(z) is perfectly calibrated, but the network reports softmax(3z).
     */
    private record Synthetic(double[][] reported, int[] labels) {
        static Synthetic overConfident(int photos, double factor, long seed) {
            Random random = new Random(seed);
            double[][] reported = new double[photos][];
            int[] labels = new int[photos];
            for (int i = 0; i < photos; i++) {
                double[] z = new double[5];
                for (int c = 0; c < 5; c++) {
                    z[c] = random.nextGaussian() * 1.2;
                }
                double[] honest = softmax(z, 1);
                double u = random.nextDouble();
                int label = 4;
                for (int c = 0; c < 5; c++) {
                    u -= honest[c];
                    if (u < 0) {
                        label = c;
                        break;
                    }
                }
                labels[i] = label;
                reported[i] = softmax(z, factor);
            }
            return new Synthetic(reported, labels);
        }
    }

    @Test
    void fits_the_temperature_that_undoes_an_over_confident_network() {
        Synthetic set = Synthetic.overConfident(4000, 3.0, 7);

        double temperature = TemperatureFit.fit(set.reported(), set.labels());

        assertThat(temperature).isCloseTo(3.0, within(0.3));
    }

    @Test
    void expected_calibration_error_falls_after_calibration_of_an_over_confident_set() {
        Synthetic set = Synthetic.overConfident(4000, 3.0, 11);
        double before = CalibrationError.expected(set.reported(), set.labels());

        double temperature = TemperatureFit.fit(set.reported(), set.labels());
        double after = CalibrationError.expected(VersionCalibration.scaled(set.reported(), temperature), set.labels());

        assertThat(before).isGreaterThan(0.15);
        assertThat(after).isLessThan(0.04).isLessThan(before / 4);
    }

    @Test
    void a_calibrated_network_keeps_a_temperature_near_one() {
        Synthetic set = Synthetic.overConfident(4000, 1.0, 5);

        assertThat(TemperatureFit.fit(set.reported(), set.labels())).isCloseTo(1.0, within(0.15));
    }

    @Test
    void the_abstain_threshold_is_the_lowest_that_reaches_the_target_precision_on_the_sure_predictions() {
        Synthetic set = Synthetic.overConfident(4000, 1.0, 13);
        AbstainRule.Choice choice = new AbstainRule(0.7, null, 0.1).choose(set.reported(), set.labels());

        assertThat(precisionAtOrAbove(set, choice.threshold())).isGreaterThanOrEqualTo(0.7);
        assertThat(choice.threshold()).isBetween(0.3, 0.95);
        assertThat(choice.description()).contains("precision >= 0.70");
        // One grid step lower misses the target: the lowest such threshold was chosen.
        assertThat(precisionAtOrAbove(set, choice.threshold() - 0.01)).isLessThan(0.7);
    }

    private static double precisionAtOrAbove(Synthetic set, double threshold) {
        int kept = 0;
        int right = 0;
        for (int i = 0; i < set.labels().length; i++) {
            int best = CalibrationError.argmax(set.reported()[i]);
            if (set.reported()[i][best] >= threshold) {
                kept++;
                right += best == set.labels()[i] ? 1 : 0;
            }
        }
        return (double) right / kept;
    }

    @Test
    void a_fixed_threshold_is_used_as_it_is() {
        Synthetic set = Synthetic.overConfident(100, 1.0, 1);

        assertThat(new AbstainRule(0.9, 0.42, 0.1)
                        .choose(set.reported(), set.labels())
                        .threshold())
                .isEqualTo(0.42);
    }

    @Test
    void a_weak_version_that_cannot_reach_the_target_keeps_its_most_precise_threshold_and_says_so() {
        Synthetic set = Synthetic.overConfident(2000, 1.0, 3);

        AbstainRule.Choice choice = new AbstainRule(1.0, null, 0.5).choose(set.reported(), set.labels());

        assertThat(choice.description()).contains("not reached");
        assertThat(choice.threshold()).isGreaterThan(0);
    }

    private static double[] softmax(double[] z, double factor) {
        double[] scaled = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            scaled[i] = Math.exp(z[i] * factor);
        }
        double sum = 0;
        for (double v : scaled) {
            sum += v;
        }
        for (int i = 0; i < z.length; i++) {
            scaled[i] /= sum;
        }
        return Calibration.apply(scaled, 1.0);
    }
}
