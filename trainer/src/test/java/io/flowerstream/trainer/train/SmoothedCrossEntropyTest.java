package io.flowerstream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.flowerstream.model.engine.DjlRuntime;
import org.junit.jupiter.api.Test;

class SmoothedCrossEntropyTest {

    private static final float[] LOGITS = {2.0f, -1.0f, 0.5f, 0.0f, 1.0f, -0.5f, 3.0f, 0.2f, 0.1f, -2.0f};
    private static final float[] LABELS = {0, 1};

    @Test
    void without_smoothing_it_equals_djls_softmax_cross_entropy() {
        DjlRuntime.engine();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList logits = new NDList(manager.create(LOGITS, new Shape(2, 5)));
            NDList labels = new NDList(manager.create(LABELS));
            float ours = new SmoothedCrossEntropy(0f).evaluate(labels, logits).getFloat();
            float djl = Loss.softmaxCrossEntropyLoss().evaluate(labels, logits).getFloat();
            assertThat(ours).isCloseTo(djl, offset(1e-5f));
        }
    }

    @Test
    void smoothing_spreads_a_share_of_each_target_over_every_class() {
        DjlRuntime.engine();
        float e = 0.1f;
        double expected = 0;
        for (int row = 0; row < 2; row++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 5; c++) {
                max = Math.max(max, LOGITS[row * 5 + c]);
            }
            double sum = 0;
            for (int c = 0; c < 5; c++) {
                sum += Math.exp(LOGITS[row * 5 + c] - max);
            }
            for (int c = 0; c < 5; c++) {
                double logP = LOGITS[row * 5 + c] - max - Math.log(sum);
                double target = (c == (int) LABELS[row] ? 1 - e : 0) + e / 5;
                expected -= target * logP;
            }
        }
        expected /= 2;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray loss = new SmoothedCrossEntropy(e)
                    .evaluate(new NDList(manager.create(LABELS)), new NDList(manager.create(LOGITS, new Shape(2, 5))));
            assertThat(loss.getFloat()).isCloseTo((float) expected, offset(1e-5f));
        }
    }

    @Test
    void a_smoothing_outside_zero_to_one_is_refused() {
        assertThatThrownBy(() -> new SmoothedCrossEntropy(1f)).hasMessageContaining("--label-smoothing");
        assertThatThrownBy(() -> new SmoothedCrossEntropy(-0.1f)).hasMessageContaining("--label-smoothing");
    }
}
