package io.flowerstream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlateauLearningRateTest {

    @Test
    void the_rate_is_cut_by_ten_after_three_epochs_without_a_better_validation_accuracy() {
        PlateauLearningRate rate = new PlateauLearningRate(0.001f, 3, 0.1f);
        assertThat(rate.onEpoch(0.5)).isFalse();
        assertThat(rate.onEpoch(0.6)).isFalse();
        assertThat(rate.onEpoch(0.6)).isFalse();
        assertThat(rate.onEpoch(0.55)).isFalse();
        assertThat(rate.getNewValue(100)).isEqualTo(0.001f);
        assertThat(rate.onEpoch(0.59)).isTrue();
        assertThat(rate.getNewValue(101)).isCloseTo(0.0001f, org.assertj.core.data.Offset.offset(1e-9f));
    }

    @Test
    void an_improvement_resets_the_count() {
        PlateauLearningRate rate = new PlateauLearningRate(0.001f, 3, 0.1f);
        rate.onEpoch(0.5);
        rate.onEpoch(0.4);
        rate.onEpoch(0.4);
        rate.onEpoch(0.7);
        rate.onEpoch(0.6);
        rate.onEpoch(0.6);
        assertThat(rate.current()).isEqualTo(0.001f);
    }
}
