package io.flowerstream.trainer.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PhotoJitterTest {

    private static final int SIDE = 150;
    private static final int PLANE = SIDE * SIDE;

    @Test
    void a_thumbnail_scaled_back_up_keeps_flat_colour_and_blurs_fine_detail() {
        PhotoJitter jitter = new PhotoJitter(SourceJitter.photosFromElsewhere());
        float[] flat = filled(0.4f, 0.5f, 0.6f);
        jitter.lowResolution(flat, 48);
        assertThat(flat[0]).isCloseTo(0.4f, within(1e-5f));
        assertThat(flat[PLANE + 777]).isCloseTo(0.5f, within(1e-5f));

        float[] stripes = new float[3 * PLANE];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = (i % 2 == 0) ? 1f : 0f; // one-pixel columns: detail no 48 px thumbnail keeps
        }
        double before = variance(stripes);
        jitter.lowResolution(stripes, 48);
        assertThat(variance(stripes)).isLessThan(before / 10);
        assertThat(mean(stripes)).isCloseTo(0.5, within(0.02));
    }

    @Test
    void colour_with_unit_factors_changes_nothing_and_a_cast_scales_one_channel() {
        PhotoJitter jitter = new PhotoJitter(SourceJitter.photosFromElsewhere());
        float[] photo = gradient();
        float[] same = photo.clone();
        jitter.colour(same, 1, 1, 1, new float[] {1, 1, 1});
        for (int i = 0; i < photo.length; i++) {
            assertThat(same[i]).isCloseTo(photo[i], within(1e-5f));
        }

        float[] cast = photo.clone();
        jitter.colour(cast, 1, 1, 1, new float[] {0.8f, 1, 1});
        assertThat(cast[1234]).isCloseTo(photo[1234] * 0.8f, within(1e-5f));
        assertThat(cast[PLANE + 1234]).isCloseTo(photo[PLANE + 1234], within(1e-5f));

        float[] grey = photo.clone();
        jitter.colour(grey, 1, 1, 0, new float[] {1, 1, 1});
        assertThat(grey[1234])
                .isCloseTo(grey[PLANE + 1234], within(1e-5f))
                .isCloseTo(grey[2 * PLANE + 1234], within(1e-5f));
    }

    @Test
    void jpeg_compression_loses_more_at_low_quality_and_stays_in_range() {
        PhotoJitter jitter = new PhotoJitter(SourceJitter.photosFromElsewhere());
        float[] photo = noisy();
        float[] high = photo.clone();
        float[] low = photo.clone();
        jitter.recompress(high, 90);
        jitter.recompress(low, 10);
        double highError = meanAbsoluteDifference(photo, high);
        double lowError = meanAbsoluteDifference(photo, low);
        assertThat(highError).isGreaterThan(0);
        assertThat(lowError).isGreaterThan(highError * 1.5);
        for (float v : low) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void the_sources_recipe_is_drawn_from_the_seed_alone_and_differs_from_the_seeds_recipe() {
        float[] a = sample(Augmentation.sources(), 5);
        float[] b = sample(Augmentation.sources(), 5);
        float[] c = sample(Augmentation.sources(), 6);
        float[] seedOnly = sample(Augmentation.seed(), 5);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a).isNotEqualTo(seedOnly);
    }

    @Test
    void refuses_chances_outside_zero_to_one_naming_the_setting() {
        assertThatThrownBy(() -> new SourceJitter(1.5, 0.5, 0, 0, 0, 0, 0, 0, 40, 0, 15))
                .hasMessageContaining("cropChance");
        assertThatThrownBy(() -> new SourceJitter(0, 0, 0, 0, 0, 0, 0, 0, 40, 0, 15))
                .hasMessageContaining("cropMinSide");
        assertThat(Augmentation.Recipe.of("SOURCES")).isEqualTo(Augmentation.Recipe.SOURCES);
        assertThatThrownBy(() -> Augmentation.Recipe.of("heavy"))
                .hasMessageContaining("heavy")
                .hasMessageContaining("sources");
    }

    private static float[] sample(Augmentation augmentation, long seed) {
        byte[] chw = new byte[3 * PLANE];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (byte) ((i * 31 + i / SIDE * 7) & 0xFF);
        }
        // Several photos from one generator, so every part of the recipe gets drawn at least once.
        SplittableRandom random = new SplittableRandom(seed);
        AffineSampler sampler = new AffineSampler(augmentation);
        float[] all = new float[6 * 3 * PLANE];
        for (int k = 0; k < 6; k++) {
            System.arraycopy(sampler.augment(chw, random), 0, all, k * 3 * PLANE, 3 * PLANE);
        }
        return all;
    }

    private static float[] filled(float r, float g, float b) {
        float[] chw = new float[3 * PLANE];
        java.util.Arrays.fill(chw, 0, PLANE, r);
        java.util.Arrays.fill(chw, PLANE, 2 * PLANE, g);
        java.util.Arrays.fill(chw, 2 * PLANE, 3 * PLANE, b);
        return chw;
    }

    private static float[] gradient() {
        float[] chw = new float[3 * PLANE];
        for (int i = 0; i < PLANE; i++) {
            chw[i] = (i % SIDE) / (float) SIDE;
            chw[PLANE + i] = (i / SIDE) / (float) SIDE;
            chw[2 * PLANE + i] = 0.5f;
        }
        return chw;
    }

    /** Smooth gradients with a few sharp-edged squares: what JPEG keeps at high quality and smears at low. */
    private static float[] noisy() {
        SplittableRandom random = new SplittableRandom(3);
        float[] chw = gradient();
        for (int square = 0; square < 12; square++) {
            int x0 = random.nextInt(SIDE - 20);
            int y0 = random.nextInt(SIDE - 20);
            int c = random.nextInt(3);
            for (int y = y0; y < y0 + 20; y++) {
                for (int x = x0; x < x0 + 20; x++) {
                    chw[c * PLANE + y * SIDE + x] = 1f - chw[c * PLANE + y * SIDE + x];
                }
            }
        }
        return chw;
    }

    private static double mean(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    private static double variance(float[] v) {
        double m = mean(v);
        double sum = 0;
        for (float x : v) {
            sum += (x - m) * (x - m);
        }
        return sum / v.length;
    }

    private static double meanAbsoluteDifference(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }
}
