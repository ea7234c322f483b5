package io.flowerstream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.trainer.TestPhotos;
import io.flowerstream.trainer.data.PhotoStore;
import io.flowerstream.trainer.data.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FlowerTrainerTest {

    @BeforeAll
    static void engine() {
        DjlRuntime.engine();
    }

    @Test
    void a_short_run_keeps_the_best_epochs_weights_and_reports_every_epoch() throws Exception {
        PhotoStore store = TestPhotos.store(12, 1);
        TrainingOptions options =
                TrainingOptions.builder().epochs(3).batchSize(8).maxBatches(4).build();
        int[] batchesSeen = new int[1];
        ProgressListener counting = new ProgressListener() {
            @Override
            public void onBatch(
                    int epoch,
                    int epochs,
                    int batch,
                    int batches,
                    double loss,
                    double accuracy,
                    double imagesPerSecond,
                    double etaSeconds) {
                batchesSeen[0]++;
            }
        };
        TrainingOutcome outcome;
        try (Model model = FlowerModels.newModel(Device.cpu())) {
            outcome = new FlowerTrainer(options, counting)
                    .train(model, store, store.indexesOf(Split.TRAIN), store.indexesOf(Split.VALIDATION));
        }
        assertThat(batchesSeen[0]).isEqualTo(12);
        assertThat(outcome.history()).hasSize(3);
        double bestAccuracy = outcome.history().stream()
                .mapToDouble(EpochResult::valAccuracy)
                .max()
                .orElseThrow();
        assertThat(outcome.history().get(outcome.bestEpoch() - 1).valAccuracy()).isEqualTo(bestAccuracy);
        assertThat(outcome.bestValidationAccuracy()).isEqualTo(bestAccuracy);
        assertThat(outcome.bestValidation().count()).isEqualTo(store.indexesOf(Split.VALIDATION).length);
        assertThat(outcome.history())
                .allSatisfy(e -> assertThat(e.loss()).isFinite().isPositive());

        // The kept weights are the best epoch's: evaluated again, they score what that epoch scored.
        try (Model reloaded = FlowerModels.load(outcome.bestParams(), Device.cpu(), "test")) {
            Evaluation again = Scorer.evaluate(reloaded, store, store.indexesOf(Split.VALIDATION), 8);
            assertThat(again.accuracy()).isEqualTo(bestAccuracy);
        }
    }
}
