package io.flowerstream.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import io.flowerstream.contracts.ids.Sha256;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.predict.FlowerScores;
import io.flowerstream.model.predict.FlowerTranslator;
import io.flowerstream.model.predict.ImageTensor;
import io.flowerstream.testsupport.junit.EmbeddedS3Extension;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The network's weights through the registry on a real S3 server and back into DJL. */
class PublishedModelRoundTripTest {

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    @BeforeAll
    static void engine() {
        DjlRuntime.engine();
    }

    @Test
    void save_publish_load_and_predict_gives_bit_identical_scores() throws Exception {
        ModelRegistry registry = registry("round-trip");
        List<ImageTensor> images = List.of(image(1), image(2), image(3), image(4));
        List<FlowerScores> before;
        int version;
        try (Model model = FlowerModels.newModel(Device.cpu());
                Predictor<ImageTensor, FlowerScores> predictor = model.newPredictor(new FlowerTranslator())) {
            before = predictor.batchPredict(images);
            version = registry.publish(PublishRequest.of(RegistryFixtures.draft(), FlowerModels.saveParams(model)))
                    .version();
        }

        FetchedModel fetched = registry.fetch(version);
        try (Model model = FlowerModels.load(fetched.params(), Device.cpu(), "version " + version);
                Predictor<ImageTensor, FlowerScores> predictor = model.newPredictor(new FlowerTranslator())) {
            List<FlowerScores> after = predictor.batchPredict(images);
            for (int i = 0; i < images.size(); i++) {
                assertThat(after.get(i).scores()).containsExactly(before.get(i).scores());
            }
        }
    }

    @Test
    void refuses_a_corrupted_model_params_on_load_with_a_clear_error() throws Exception {
        ModelRegistry registry = registry("corrupt-params");
        byte[] params;
        try (Model model = FlowerModels.newModel(Device.cpu())) {
            params = FlowerModels.saveParams(model);
        }
        int version = registry.publish(PublishRequest.of(RegistryFixtures.draft(), params))
                .version();
        byte[] corrupted = params.clone();
        corrupted[corrupted.length / 2] ^= 0x55; // one flipped byte in the middle of a weight tensor
        MinioClient client = RegistryFixtures.client(S3.s3());
        client.putObject(
                PutObjectArgs.builder()
                        .bucket("corrupt-params")
                        .object("models/flowers-cnn/" + version + "/model.params")
                        .stream(new ByteArrayInputStream(corrupted), corrupted.length, -1)
                        .build());

        assertThatThrownBy(() -> registry.fetch(version))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("version " + version)
                .hasMessageContaining(Sha256.hex(params));
    }

    private static ModelRegistry registry(String bucket) {
        ModelRegistry registry = new ModelRegistry(RegistryFixtures.client(S3.s3()), bucket);
        registry.ensureBucket();
        return registry;
    }

    private static ImageTensor image(long seed) {
        Random random = new Random(seed);
        float[] chw = new float[3 * 150 * 150];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = random.nextFloat();
        }
        return ImageTensor.of(chw);
    }
}
