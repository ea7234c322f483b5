package io.flowerstream.classifier.batch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import io.flowerstream.classifier.models.LoadedModel;
import io.flowerstream.model.net.FlowerModels;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSizeSweepTest {

    @Test
    void times_every_size_on_a_real_network_and_chooses_one_of_them() throws Exception {
        byte[] params;
        try (Model fresh = FlowerModels.newModel(Device.cpu())) {
            params = FlowerModels.saveParams(fresh);
        }
        LoadedModel model = new LoadedModel(3, FlowerModels.load(params, Device.cpu(), "sweep test"));
        List<BatchSizeChoice.Timing> timings = BatchSizeSweep.measure(model, new int[] {1, 2}, Duration.ofMillis(50));
        assertThat(timings).extracting(BatchSizeChoice.Timing::batchSize).containsExactly(1, 2);
        assertThat(timings).allSatisfy(t -> assertThat(t.secondsPerBatch()).isPositive());
        assertThat(BatchSizeSweep.choose(model, new int[] {1, 2}, Duration.ofMillis(50), 8))
                .isIn(1, 2);
    }
}
