package io.flowerstream.model.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import io.flowerstream.model.engine.DjlRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SeededInitialWeightsTest {

    @BeforeAll
    static void engine() {
        DjlRuntime.engine();
    }

    @Test
    void the_same_seed_gives_the_same_initial_weights_and_another_seed_other_ones() {
        byte[] first = initialWeights(7);
        byte[] again = initialWeights(7);
        byte[] other = initialWeights(8);

        assertThat(again).as("weights of two networks seeded 7").isEqualTo(first);
        assertThat(other).as("weights of networks seeded 7 and 8").isNotEqualTo(first);
    }

    private static byte[] initialWeights(long seed) {
        try (Model model = FlowerModels.newModel(Device.cpu(), seed)) {
            return FlowerModels.saveParams(model);
        }
    }
}
