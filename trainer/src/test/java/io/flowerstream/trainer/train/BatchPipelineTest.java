package io.flowerstream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.model.engine.DeviceDefaults;
import io.flowerstream.model.net.FlowerNet;
import io.flowerstream.trainer.TestPhotos;
import io.flowerstream.trainer.augment.Augmentation;
import io.flowerstream.trainer.data.PhotoStore;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchPipelineTest {

    private static final int BATCH = 8;

    /** Every batch of one pass, copied out: photo indexes and pixels. */
    private record Batches(List<int[]> photos, List<float[]> pixels) {}

    private static Batches pass(PhotoStore store, int threads, int prefetch, Augmentation augmentation, long seed)
            throws InterruptedException {
        int[] order = IntStream.range(0, store.size()).toArray();
        List<int[]> photos = new ArrayList<>();
        List<float[]> pixels = new ArrayList<>();
        try (BatchPipeline pipeline = new BatchPipeline(store, BATCH, prefetch, threads)) {
            BatchPipeline.Pass pass = pipeline.start(order, 0, augmentation, seed);
            for (BatchSlot slot = pass.next(); slot != null; slot = pass.next()) {
                int[] indexes = new int[slot.size()];
                for (int i = 0; i < slot.size(); i++) {
                    indexes[i] = slot.photoIndex(i);
                }
                float[] floats = new float[slot.size() * FlowerNet.imageFloats()];
                FloatBuffer images = slot.imageFloats();
                images.get(0, floats);
                photos.add(indexes);
                pixels.add(floats);
                pass.release(slot);
            }
        }
        return new Batches(photos, pixels);
    }

    @Test
    void several_loader_threads_fill_the_same_batches_as_one_without_augmentation() throws Exception {
        PhotoStore store = TestPhotos.store(5, 1);

        Batches one = pass(store, 1, 3, Augmentation.none(), 7);
        Batches four = pass(store, 4, 8, Augmentation.none(), 7);

        assertThat(four.photos()).hasSameSizeAs(one.photos());
        for (int b = 0; b < one.photos().size(); b++) {
            assertThat(four.photos().get(b))
                    .as("batch %d", b)
                    .containsExactly(one.photos().get(b));
            assertThat(four.pixels().get(b))
                    .as("batch %d", b)
                    .isEqualTo(one.pixels().get(b));
        }
    }

    @Test
    void a_seed_gives_the_same_augmented_batches_with_several_threads_whatever_their_timing() throws Exception {
        PhotoStore store = TestPhotos.store(5, 1);

        Batches first = pass(store, 4, 8, Augmentation.seed(), 11);
        Batches second = pass(store, 4, 8, Augmentation.seed(), 11);
        Batches plain = pass(store, 4, 8, Augmentation.none(), 11);

        for (int b = 0; b < first.pixels().size(); b++) {
            assertThat(second.pixels().get(b))
                    .as("batch %d", b)
                    .isEqualTo(first.pixels().get(b));
        }
        // The augmentation did something: augmented and plain pixels differ.
        assertThat(first.pixels().get(0)).isNotEqualTo(plain.pixels().get(0));
    }

    @Test
    void a_gpu_sized_pipeline_keeps_more_batches_ready_and_augments_on_every_core() {
        PhotoStore store = TestPhotos.store(1, 1);
        try (BatchPipeline gpu = BatchPipeline.forDevice(store, BATCH, DeviceDefaults.of(true, 16));
                BatchPipeline cpu = BatchPipeline.forDevice(store, BATCH, DeviceDefaults.of(false, 16))) {
            assertThat(gpu.prefetchBatches()).isEqualTo(8);
            assertThat(gpu.loaderThreads()).isEqualTo(16);
            assertThat(cpu.prefetchBatches()).isEqualTo(3);
            assertThat(cpu.loaderThreads()).isEqualTo(1);
        }
    }
}
