package io.flowerstream.model.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

class ChannelsLastTest {

    @BeforeAll
    static void engine() {
        DjlRuntime.engine();
    }

    @Test
    void keeps_the_shape_and_every_value() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray nchw = manager.arange(0f, 2 * 3 * 4 * 5).reshape(2, 3, 4, 5);
            NDArray laidOut = ChannelsLast.of(nchw);

            assertThat(laidOut.getShape()).isEqualTo(new Shape(2, 3, 4, 5));
            assertThat(laidOut.toFloatArray()).containsExactly(nchw.toFloatArray());
            assertThat(laidOut.get("1, 2, 3, 4").getFloat())
                    .isEqualTo(nchw.get("1, 2, 3, 4").getFloat());
        }
    }

    @Test
    void the_network_gives_the_same_logits_in_either_layout() {
        SequentialBlock net = FlowerNet.build();
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, FlowerNet.inputShape(4));
            NDArray input = manager.randomUniform(0f, 1f, FlowerNet.inputShape(4));
            ParameterStore parameters = new ParameterStore(manager, false);

            float[] plain = net.forward(parameters, new NDList(input), false)
                    .singletonOrThrow()
                    .toFloatArray();
            float[] channelsLast = net.forward(parameters, new NDList(ChannelsLast.of(input)), false)
                    .singletonOrThrow()
                    .toFloatArray();

            assertThat(channelsLast).hasSize(4 * 5);
            for (int i = 0; i < plain.length; i++) {
                assertThat(channelsLast[i]).as("logit %d", i).isCloseTo(plain[i], within(1e-4f));
            }
        }
    }

    @Test
    void refuses_what_is_not_a_batch_of_images() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = manager.zeros(new Shape(3, 150, 150));
            assertThatThrownBy(() -> ChannelsLast.of(image))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NCHW")
                    .hasMessageContaining("(3, 150, 150)");
        }
    }
}
