package io.flowerstream.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.flowerstream.model.net.Architecture;
import io.flowerstream.model.net.FlowerModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The FP16 cast of {@link Precision} runs on a GPU only, but the cast itself is engine code that
 * a CPU can check: every parameter of either network changes type and keeps its values (DJL's own
 * {@code Block.cast} throws "Not implemented yet" for these blocks, found on the first GPU run).
 */
class PrecisionCastTest {

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void every_parameter_is_cast_in_place_and_keeps_its_values(Architecture architecture) {
        try (Model model = FlowerModels.newModel(Device.cpu(), 7, architecture)) {
            Pair<String, Parameter> first = model.getBlock().getParameters().get(0);
            float[] before = first.getValue().getArray().toFloatArray();

            Precision.castParameters(model, DataType.FLOAT16);

            assertThat(model.getBlock().getParameters().values())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.getArray().getDataType())
                            .as(p.getName())
                            .isEqualTo(DataType.FLOAT16));
            NDArray after = first.getValue().getArray().toType(DataType.FLOAT32, false);
            float[] back = after.toFloatArray();
            assertThat(back).hasSameSizeAs(before);
            for (int i = 0; i < before.length; i++) {
                assertThat(back[i]).isCloseTo(before[i], offset(1e-3f));
            }
        }
    }
}
