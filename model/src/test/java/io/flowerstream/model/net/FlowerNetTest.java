package io.flowerstream.model.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.flowerstream.model.engine.DjlRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FlowerNetTest {

    @BeforeAll
    static void engine() {
        DjlRuntime.engine();
    }

    @Test
    void has_the_seeds_4_143_749_trainable_parameters_at_150x150x3() {
        ModelSummary summary = ModelSummary.of(FlowerNet.build(), FlowerNet.inputShape(1));

        assertThat(summary.totalParameters()).isEqualTo(4_143_749L);
        assertThat(summary.rows())
                .extracting(ModelSummary.Row::parameters)
                .containsExactly(2_432L, 0L, 18_496L, 0L, 55_392L, 0L, 83_040L, 0L, 0L, 3_981_824L, 2_565L);
        assertThat(summary.rows().get(8).outputShape()).isEqualTo(new Shape(1, 7_776));
        assertThat(summary.render()).contains("Total params: 4,143,749").contains("conv2d_3 (Conv2D, relu)");
    }

    @Test
    void forward_pass_gives_five_scores_per_image_that_softmax_to_one() {
        SequentialBlock net = FlowerNet.build();
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, FlowerNet.inputShape(3));
            NDArray input = manager.randomUniform(0f, 1f, FlowerNet.inputShape(3));
            NDArray logits = net.forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow();
            NDArray scores = logits.softmax(1);

            assertThat(scores.getShape()).isEqualTo(new Shape(3, 5));
            for (float sum : scores.sum(new int[] {1}).toFloatArray()) {
                assertThat(sum).isCloseTo(1f, within(1e-5f));
            }
        }
    }
}
