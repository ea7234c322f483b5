package io.flowerstream.model.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.Architecture;
import io.flowerstream.model.net.FlowerModels;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SavedWeightsTest {

    @BeforeAll
    static void engine() {
        DjlRuntime.engine();
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void saved_and_reloaded_weights_give_bit_identical_scores_from_the_network_they_fit(Architecture architecture)
            throws Exception {
        List<ImageTensor> images = List.of(randomImage(1), randomImage(2), randomImage(3));
        byte[] params;
        List<FlowerScores> before;
        try (Model model = FlowerModels.newModel(Device.cpu(), architecture);
                Predictor<ImageTensor, FlowerScores> predictor = model.newPredictor(new FlowerTranslator())) {
            before = predictor.batchPredict(images);
            params = FlowerModels.saveParams(model);
        }
        try (Model model = FlowerModels.load(params, Device.cpu(), "test");
                Predictor<ImageTensor, FlowerScores> predictor = model.newPredictor(new FlowerTranslator())) {
            assertThat(FlowerModels.architectureOf(model)).isEqualTo(architecture);
            List<FlowerScores> after = predictor.batchPredict(images);
            for (int i = 0; i < images.size(); i++) {
                assertThat(after.get(i).scores()).containsExactly(before.get(i).scores());
            }
        }
        assertThat(before.get(0).scores()).isNotEqualTo(before.get(1).scores());
    }

    @Test
    void refuses_truncated_params_naming_the_source() throws Exception {
        byte[] params;
        try (Model model = FlowerModels.newModel(Device.cpu())) {
            params = FlowerModels.saveParams(model);
        }
        byte[] truncated = Arrays.copyOf(params, params.length / 2);
        assertThatThrownBy(() -> FlowerModels.load(truncated, Device.cpu(), "flowers-cnn version 3"))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("flowers-cnn version 3");
        byte[] padded = Arrays.copyOf(params, params.length + 4);
        assertThatThrownBy(() -> FlowerModels.load(padded, Device.cpu(), "v4"))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("v4");
    }

    @Test
    void refuses_the_weights_of_one_network_for_another_naming_both() throws Exception {
        byte[] seed;
        try (Model model = FlowerModels.newModel(Device.cpu(), Architecture.SEED)) {
            seed = FlowerModels.saveParams(model);
        }
        assertThatThrownBy(() -> FlowerModels.load(seed, Architecture.BATCH_NORM, Device.cpu(), "version 5"))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("version 5")
                .hasMessageContaining("flowers-cnn-bn");
    }

    @Test
    void batch_prediction_scores_each_image_as_a_single_prediction_does() throws Exception {
        List<ImageTensor> images = List.of(randomImage(7), randomImage(8));
        try (Model model = FlowerModels.newModel(Device.cpu());
                Predictor<ImageTensor, FlowerScores> predictor = model.newPredictor(new FlowerTranslator())) {
            List<FlowerScores> batch = predictor.batchPredict(images);
            FlowerScores single = predictor.predict(images.get(1));
            float[] expected = single.scores();
            float[] actual = batch.get(1).scores();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-5f));
            }
        }
    }

    static ImageTensor randomImage(long seed) {
        Random random = new Random(seed);
        float[] chw = new float[3 * 150 * 150];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = random.nextFloat();
        }
        return ImageTensor.of(chw);
    }
}
