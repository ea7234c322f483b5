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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FlowerNetTest {

    @BeforeAll
    static void engine() {
        DjlRuntime.engine();
    }

    @Test
    void has_the_seeds_4_143_749_trainable_parameters_at_150x150x3() {
        ModelSummary summary = ModelSummary.of(Architecture.SEED, FlowerNet.inputShape(1));

        assertThat(summary.totalParameters()).isEqualTo(4_143_749L);
        assertThat(summary.rows())
                .extracting(ModelSummary.Row::parameters)
                .containsExactly(2_432L, 0L, 18_496L, 0L, 55_392L, 0L, 83_040L, 0L, 0L, 3_981_824L, 2_565L);
        assertThat(summary.rows().get(8).outputShape()).isEqualTo(new Shape(1, 7_776));
        assertThat(summary.render()).contains("Total params: 4,143,749").contains("conv2d_3 (Conv2D, relu)");
        assertThat(summary.nonTrainableParameters()).isZero();
    }

    @Test
    void batch_norm_network_ends_in_global_average_pooling_with_running_statistics_not_trained() {
        ModelSummary summary = ModelSummary.of(Architecture.BATCH_NORM, FlowerNet.inputShape(1));

        // Convolutions without biases (32*3*25, 64*32*9, 96*64*9, 128*96*9, 192*128*9), each followed by a
        // normalisation's scale and shift (2 per channel), then Dense 5 on the 192 averaged features.
        long convolutions = 32 * 3 * 25 + 64 * 32 * 9 + 96 * 64 * 9 + 128 * 96 * 9 + 192 * 128 * 9;
        long normalisations = 2L * (32 + 64 + 96 + 128 + 192);
        assertThat(summary.totalParameters()).isEqualTo(convolutions + normalisations + 192 * 5 + 5);
        assertThat(summary.nonTrainableParameters()).isEqualTo(normalisations);
        assertThat(summary.rows().get(summary.rows().size() - 4).outputShape()).isEqualTo(new Shape(1, 192));
        assertThat(summary.render())
                .startsWith("Model: \"flowers-cnn-bn\"")
                .contains("batch_normalization_4 (BatchNormalization, relu)")
                .contains("global_average_pooling2d (GlobalAveragePooling2D)");
    }

    @Test
    void names_are_the_metadata_names_and_an_unknown_one_is_refused_with_the_known_ones() {
        assertThat(Architecture.of("flowers-cnn-seed")).isEqualTo(Architecture.SEED);
        assertThat(Architecture.of("flowers-cnn-bn")).isEqualTo(Architecture.BATCH_NORM);
        assertThat(FlowerNet.ARCHITECTURE).isEqualTo(Architecture.DEFAULT.id());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Architecture.of("resnet50"))
                .hasMessageContaining("resnet50")
                .hasMessageContaining("flowers-cnn-seed, flowers-cnn-bn");
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void forward_pass_gives_five_scores_per_image_that_softmax_to_one(Architecture architecture) {
        SequentialBlock net = architecture.build();
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
