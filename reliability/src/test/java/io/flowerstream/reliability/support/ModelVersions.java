package io.flowerstream.reliability.support;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.Architecture;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.net.FlowerNet;
import io.flowerstream.model.registry.ModelMetadata;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.model.registry.PublishRequest;
import java.util.List;
import java.util.Map;

/**
 * Model weights for tests (random ones: the faults care whether a version loads, not what it predicts) and a way to
 * publish them.
 */
public final class ModelVersions {

    private ModelVersions() {}

    /** The seed network's weights, randomly initialised. */
    public static byte[] goodParams() {
        DjlRuntime.engine();
        try (Model model = FlowerModels.newModel(Device.cpu())) {
            return FlowerModels.saveParams(model);
        }
    }

    /**
     * Weights of the seed network's layers built for {@code inputSize} pixels instead of 150: every
     * convolution fits, but the first dense layer's weight has another shape. (The default network
     * pools globally, so its weights are the same for any input size: no use here.)
     */
    public static byte[] paramsForInputSize(int inputSize) {
        DjlRuntime.engine();
        try (Model model = Model.newInstance(FlowerModels.DEFAULT_NAME, Device.cpu(), DjlRuntime.ENGINE)) {
            Block net = Architecture.SEED.build();
            model.setBlock(net);
            net.initialize(
                    model.getNDManager(), DataType.FLOAT32, new Shape(1, FlowerNet.CHANNELS, inputSize, inputSize));
            return FlowerModels.saveParams(model);
        }
    }

    /** Publishes {@code params} as the next version (metadata's checksum computed over them) and returns its number. */
    public static int publish(ModelRegistry registry, byte[] params) {
        return registry.publish(PublishRequest.of(draft(), params)).version();
    }

    private static ModelMetadata draft() {
        return ModelMetadata.builder()
                .parentVersion(null)
                .classes(FlowerClasses.NAMES)
                .inputShape(List.of(FlowerNet.CHANNELS, FlowerNet.INPUT_SIZE, FlowerNet.INPUT_SIZE))
                .architecture(FlowerNet.ARCHITECTURE)
                .epoch(new ModelMetadata.Epoch(1, 1.5, 0.3, 1.4, 0.4, 0.001))
                .validation(new ModelMetadata.Validation(0.4, 1.4, Map.of(), new int[5][5]))
                .datasetManifest(new ModelMetadata.DatasetManifest(0, "00".repeat(32)))
                .device("cpu()")
                .trainingTimeSeconds(1)
                .promoted(true, "a reliability test's version")
                .build();
    }
}
