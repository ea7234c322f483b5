package io.flowerstream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EvaluationTest {

    // Rows true class, columns predicted: daisy 3 right 1 taken for a rose; roses 2 right; one tulip taken for a daisy.
    private final Evaluation evaluation = new Evaluation(
            new int[][] {
                {3, 0, 1, 0, 0},
                {0, 0, 0, 0, 0},
                {0, 0, 2, 0, 0},
                {0, 0, 0, 0, 0},
                {1, 0, 0, 0, 0}
            },
            7.0,
            new int[] {0, 1, 2, 3, 4, 5, 6},
            new int[] {0, 0, 0, 2, 2, 2, 0},
            new double[7][5],
            new int[] {0, 0, 0, 0, 2, 2, 4});

    @Test
    void accuracy_and_loss_are_means_over_every_photo() {
        assertThat(evaluation.count()).isEqualTo(7);
        assertThat(evaluation.accuracy()).isCloseTo(5 / 7.0, within(1e-12));
        assertThat(evaluation.loss()).isEqualTo(1.0);
    }

    @Test
    void precision_and_recall_come_from_the_columns_and_rows() {
        assertThat(evaluation.precision(0)).isEqualTo(0.75);
        assertThat(evaluation.recall(0)).isEqualTo(0.75);
        assertThat(evaluation.precision(2)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(evaluation.recall(2)).isEqualTo(1.0);
        assertThat(evaluation.recall(4)).isZero();
        assertThat(evaluation.precision(1)).as("a class never predicted").isZero();
    }

    @Test
    void the_report_lists_every_class_and_the_matrix() {
        assertThat(evaluation.render())
                .contains("accuracy 0.7143 (7 photos)")
                .contains("dandelion")
                .contains("tulip")
                .contains("confusion matrix");
    }
}
