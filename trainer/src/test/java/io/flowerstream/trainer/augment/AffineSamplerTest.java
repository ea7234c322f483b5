package io.flowerstream.trainer.augment;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.trainer.data.PhotoStore;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AffineSamplerTest {

    private static final int SIDE = 150;
    /** The sampler scales bytes by this (not by dividing by 255, which can differ in the last bit). */
    private static final float SCALE = 1f / 255f;

    private static byte[] gradient() {
        byte[] chw = new byte[PhotoStore.BYTES_PER_PHOTO];
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    chw[ch * SIDE * SIDE + y * SIDE + x] = (byte) (x + ch * 20);
                }
            }
        }
        return chw;
    }

    @Test
    void no_augmentation_only_scales_bytes_to_the_unit_range() {
        byte[] chw = gradient();
        float[] out = new AffineSampler(Augmentation.none()).augment(chw, new SplittableRandom(1));
        assertThat(out[10]).isEqualTo(10 * SCALE);
        assertThat(out[SIDE * SIDE + 149]).isEqualTo(169 * SCALE);
    }

    @Test
    void write_stores_the_photo_channels_last_at_the_offset() {
        byte[] chw = gradient();
        FloatBuffer dst = FloatBuffer.allocate(2 * chw.length);
        new AffineSampler(Augmentation.none()).write(chw, dst, chw.length, new SplittableRandom(1));
        // Pixel (y 0, x 10): its three channels side by side; pixel (y 0, x 149), channel 1.
        assertThat(dst.get(chw.length + 10 * 3)).isEqualTo(10 * SCALE);
        assertThat(dst.get(chw.length + 10 * 3 + 1)).isEqualTo(30 * SCALE);
        assertThat(dst.get(chw.length + 10 * 3 + 2)).isEqualTo(50 * SCALE);
        assertThat(dst.get(chw.length + 149 * 3 + 1)).isEqualTo(169 * SCALE);
        // Row 1 starts after the 150 pixels of row 0.
        assertThat(dst.get(chw.length + SIDE * 3 + 7 * 3)).isEqualTo(7 * SCALE);
        assertThat(dst.get(0)).isZero();
    }

    @Test
    void the_identity_transform_with_a_flip_mirrors_each_row() {
        AffineSampler sampler = new AffineSampler(Augmentation.seed());
        sampler.sample(gradient(), 0, 1, 1, 0, 0, true);
        float[] out = sampler.lastOutput();
        assertThat(out[0] * 255).isCloseTo(149, org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(out[149] * 255).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-3f));
    }

    @Test
    void a_shift_reads_further_along_and_repeats_the_edge_beyond_it() {
        AffineSampler sampler = new AffineSampler(Augmentation.seed());
        sampler.sample(gradient(), 0, 1, 1, 30, 0, false);
        float[] out = sampler.lastOutput();
        assertThat(out[0] * 255).isCloseTo(30, org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(out[149] * 255).isCloseTo(149, org.assertj.core.data.Offset.offset(1e-3f));
    }

    @Test
    void random_augmentations_stay_in_the_unit_range_and_differ_between_draws() {
        AffineSampler sampler = new AffineSampler(Augmentation.seed());
        SplittableRandom random = new SplittableRandom(7);
        FloatBuffer dst = FloatBuffer.allocate(PhotoStore.BYTES_PER_PHOTO);
        sampler.write(gradient(), dst, 0, random);
        float[] first = sampler.lastOutput();
        sampler.write(gradient(), dst, 0, random);
        assertThat(sampler.lastOutput()).isNotEqualTo(first);
        for (float v : first) {
            assertThat(v).isBetween(0f, 1f);
        }
    }
}
