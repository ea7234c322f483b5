package io.flowerstream.model.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.engine.Precision;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.net.FlowerNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchPredictorTest {

    @BeforeAll
    static void engine() {
        DjlRuntime.engine();
    }

    @Test
    void scores_a_batch_as_the_per_image_translator_does_image_for_image() throws Exception {
        List<ImageTensor> images = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            images.add(randomImage(i));
        }
        try (Model model = FlowerModels.newModel(Device.cpu());
                Predictor<ImageTensor, FlowerScores> perImage = model.newPredictor(new FlowerTranslator())) {
            List<FlowerScores> expected = perImage.batchPredict(images);
            List<FlowerScores> batched = new BatchPredictor(model, Precision.FP32).predict(images);

            assertThat(batched).hasSize(5);
            for (int i = 0; i < 5; i++) {
                float[] want = expected.get(i).scores();
                float[] got = batched.get(i).scores();
                for (int c = 0; c < want.length; c++) {
                    assertThat(got[c]).as("image %d class %d", i, c).isCloseTo(want[c], within(1e-5f));
                }
            }
            // Different inputs, different scores: the batch was not one image repeated.
            assertThat(batched.get(0).scores()).isNotEqualTo(batched.get(1).scores());
        }
    }

    @Test
    void a_batch_of_one_gives_that_image_s_scores() throws Exception {
        ImageTensor image = randomImage(7);
        try (Model model = FlowerModels.newModel(Device.cpu());
                Predictor<ImageTensor, FlowerScores> perImage = model.newPredictor(new FlowerTranslator())) {
            float[] want = perImage.predict(image).scores();
            float[] got = new BatchPredictor(model, Precision.FP32)
                    .predict(List.of(image))
                    .get(0)
                    .scores();
            for (int c = 0; c < want.length; c++) {
                assertThat(got[c]).isCloseTo(want[c], within(1e-5f));
            }
        }
    }

    @Test
    void fp16_is_refused_on_a_cpu_with_what_to_do() {
        try (Model model = FlowerModels.newModel(Device.cpu())) {
            assertThatThrownBy(() -> Precision.FP16.applyTo(model, Device.cpu()))
                    .hasMessageContaining("GPU only")
                    .hasMessageContaining("--precision fp32");
        }
        assertThat(Precision.parse("fp16")).isEqualTo(Precision.FP16);
        assertThatThrownBy(() -> Precision.parse("bf16")).hasMessageContaining("use fp32 or fp16");
    }

    private static ImageTensor randomImage(long seed) {
        Random random = new Random(seed);
        float[] chw = new float[FlowerNet.imageFloats()];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = random.nextFloat();
        }
        return ImageTensor.of(chw);
    }
}
