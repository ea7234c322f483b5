package io.flowerstream.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DctScaleTest {

    @Test
    void halves_a_500_by_375_photo_for_a_150_pixel_target() {
        assertThat(DctScale.denominator(500, 375, 150)).isEqualTo(2);
    }

    @Test
    void halves_a_320_by_240_photo_only_under_a_two_thirds_rule_not_the_default() {
        assertThat(DctScale.denominator(320, 240, 150)).isEqualTo(1);
        assertThat(DctScale.denominator(320, 240, 150, 2.0 / 3.0)).isEqualTo(2);
    }

    @Test
    void looks_at_the_shorter_side_whichever_way_the_photo_lies() {
        assertThat(DctScale.denominator(375, 500, 150)).isEqualTo(DctScale.denominator(500, 375, 150));
        assertThat(DctScale.denominator(2000, 180, 150)).isEqualTo(1);
    }

    @Test
    void shrinks_a_big_photo_by_at_most_eight() {
        assertThat(DctScale.denominator(1200, 900, 150)).isEqualTo(4);
        assertThat(DctScale.denominator(1200, 900, 150, 2.0 / 3.0)).isEqualTo(8);
        assertThat(DctScale.denominator(8000, 6000, 150)).isEqualTo(8);
        assertThat(DctScale.denominator(640, 480, 150)).isEqualTo(2);
    }

    @Test
    void never_shrinks_without_a_target() {
        assertThat(DctScale.denominator(4000, 3000, 0)).isEqualTo(1);
    }

    @Test
    void rounds_sides_up_as_libjpeg_does() {
        // 299 / 2 rounds up to 150, which reaches the target; 297 / 2 (149) does not.
        assertThat(DctScale.denominator(400, 299, 150)).isEqualTo(2);
        assertThat(DctScale.denominator(400, 297, 150)).isEqualTo(1);
    }
}
