package io.flowerstream.model.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flowerstream.model.predict.FlowerScores;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static final float[] SCORES = {0.9f, 0.05f, 0.03f, 0.01f, 0.01f};

    @Test
    void a_temperature_above_one_lowers_the_top_score_and_keeps_the_ranking() {
        FlowerScores calibrated = new Calibration(2.0, 0.5, "test").apply(new FlowerScores(SCORES));

        assertThat(calibrated.bestIndex()).isZero();
        assertThat(calibrated.confidence()).isLessThan(0.9f).isGreaterThan(0.2f);
        double sum = 0;
        for (float s : calibrated.scores()) {
            sum += s;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void equals_a_softmax_of_the_logits_divided_by_the_temperature() {
        double[] logits = {2.0, -1.0, 0.5, 0.0, 3.0};
        double[] softmax = Calibration.apply(softmax(logits), 1.0);
        double[] scaled = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            scaled[i] = logits[i] / 1.8;
        }

        assertThat(Calibration.apply(softmax, 1.8)).containsExactly(softmax(scaled), within(1e-9));
    }

    @Test
    void none_leaves_scores_unchanged_and_marks_nothing_unsure() {
        FlowerScores scores = new FlowerScores(new float[] {0.21f, 0.2f, 0.2f, 0.2f, 0.19f});

        assertThat(Calibration.NONE.apply(scores).scores()).containsExactly(scores.scores());
        assertThat(Calibration.NONE.isUnsure(0.21)).isFalse();
        assertThat(Calibration.orNone(null)).isSameAs(Calibration.NONE);
    }

    @Test
    void marks_a_confidence_below_the_threshold_unsure() {
        Calibration calibration = new Calibration(1.2, 0.6, "test");

        assertThat(calibration.isUnsure(0.59)).isTrue();
        assertThat(calibration.isUnsure(0.6)).isFalse();
    }

    @Test
    void refuses_a_temperature_that_is_not_a_positive_number() {
        assertThatThrownBy(() -> new Calibration(0, 0.5, "bad")).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new Calibration(Double.NaN, 0.5, "bad")).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new Calibration(1, 1.5, "bad")).hasMessageContaining("abstain");
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double[] out = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
