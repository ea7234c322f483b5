package io.flowerstream.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DctScaleTest {

    @Test
    void decodes_a_500_by_375_photo_whole_by_default_and_halves_it_under_a_150_pixel_floor() {
        assertThat(DctScale.denominator(500, 375, 150)).isEqualTo(1);
        assertThat(DctScale.denominator(500, 375, 150, 1.0)).isEqualTo(2);
    }

    @Test
    void shrinks_a_phone_photo_to_about_the_training_photos_size() {
        assertThat(DctScale.denominator(4000, 3000, 150)).isEqualTo(8);
        assertThat(DctScale.denominator(1200, 900, 150)).isEqualTo(2);
    }

    @Test
    void halves_a_320_by_240_photo_only_under_a_two_thirds_floor() {
        assertThat(DctScale.denominator(320, 240, 150)).isEqualTo(1);
        assertThat(DctScale.denominator(320, 240, 150, 1.0)).isEqualTo(1);
        assertThat(DctScale.denominator(320, 240, 150, 2.0 / 3.0)).isEqualTo(2);
    }

    @Test
    void looks_at_the_shorter_side_whichever_way_the_photo_lies() {
        assertThat(DctScale.denominator(900, 1200, 150)).isEqualTo(DctScale.denominator(1200, 900, 150));
        assertThat(DctScale.denominator(8000, 280, 150)).isEqualTo(1);
    }

    @Test
    void shrinks_by_at_most_eight() {
        assertThat(DctScale.denominator(16000, 12000, 150)).isEqualTo(8);
    }

    @Test
    void never_shrinks_without_a_target() {
        assertThat(DctScale.denominator(4000, 3000, 0)).isEqualTo(1);
    }

    @Test
    void rounds_sides_up_as_libjpeg_does() {
        // 599 / 2 rounds up to 300, which reaches the 300-pixel floor; 597 / 2 (299) does not.
        assertThat(DctScale.denominator(800, 599, 150)).isEqualTo(2);
        assertThat(DctScale.denominator(800, 597, 150)).isEqualTo(1);
    }
}
