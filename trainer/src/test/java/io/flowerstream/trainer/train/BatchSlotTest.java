package io.flowerstream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.FlowerNet;
import io.flowerstream.trainer.augment.AffineSampler;
import io.flowerstream.trainer.augment.Augmentation;
import io.flowerstream.trainer.data.PhotoStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loader writes photos channels-last and the slot hands the engine a transposed view: the
 * network must still see each photo's values in NCHW order, the layout the classifier feeds it.
 */
class BatchSlotTest {

    /** The sampler scales bytes by this (not by dividing by 255, which can differ in the last bit). */
    private static final float SCALE = 1f / 255f;

    @BeforeAll
    static void engine() {
        DjlRuntime.engine();
    }

    /** A photo whose every byte differs from its neighbours' in all three directions. */
    private static byte[] photo(int seed) {
        byte[] chw = new byte[PhotoStore.BYTES_PER_PHOTO];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (byte) (i * 7 + i / 150 * 13 + i / (150 * 150) * 61 + seed);
        }
        return chw;
    }

    @Test
    void the_engine_sees_each_photo_in_nchw_order() {
        byte[] first = photo(0);
        byte[] second = photo(99);
        BatchSlot slot = new BatchSlot(3);
        AffineSampler sampler = new AffineSampler(Augmentation.none());
        SplittableRandom random = new SplittableRandom(1);
        sampler.write(first, slot.imageFloats(), 0, random);
        sampler.write(second, slot.imageFloats(), FlowerNet.imageFloats(), random);
        slot.setSize(2);

        float[] expected = new float[2 * FlowerNet.imageFloats()];
        for (int i = 0; i < first.length; i++) {
            expected[i] = (first[i] & 0xFF) * SCALE;
            expected[first.length + i] = (second[i] & 0xFF) * SCALE;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = slot.images(manager);
            assertThat(images.getShape()).isEqualTo(FlowerNet.inputShape(2));
            assertThat(images.toFloatArray()).containsExactly(expected);
            // Channel 2, row 5, column 7 of the second photo, read through the view.
            assertThat(images.get("1, 2, 5, 7").getFloat())
                    .isEqualTo((second[2 * 150 * 150 + 5 * 150 + 7] & 0xFF) * SCALE);
        }
    }
}
