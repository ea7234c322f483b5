package io.flowerstream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CosineLearningRateTest {

    private final AtomicLong clock = new AtomicLong(1_000);

    @Test
    void without_a_time_budget_the_rate_follows_half_a_cosine_over_the_planned_updates() {
        CosineLearningRate rate = new CosineLearningRate(0.001f, 100, 0, clock::get);
        assertThat(rate.getNewValue(0)).isEqualTo(0.001f);
        assertThat(rate.getNewValue(50)).isCloseTo(0.0005f, offset(1e-7f));
        assertThat(rate.getNewValue(25)).isCloseTo((float) (0.0005 * (1 + Math.cos(Math.PI / 4))), offset(1e-7f));
        assertThat(rate.getNewValue(100)).isCloseTo(0f, offset(1e-9f));
        assertThat(rate.getNewValue(150))
                .as("past the plan it stays at the bottom")
                .isCloseTo(0f, offset(1e-9f));
    }

    @Test
    void the_time_budget_drives_it_when_time_runs_out_before_the_updates() {
        CosineLearningRate rate = new CosineLearningRate(0.001f, 1_000, 200, clock::get);
        clock.addAndGet(100);
        assertThat(rate.getNewValue(10))
                .as("half the budget spent, 1% of the updates")
                .isCloseTo(0.0005f, offset(1e-7f));
        assertThat(rate.current()).isCloseTo(0.0005f, offset(1e-7f));
        clock.addAndGet(100);
        assertThat(rate.getNewValue(11)).isCloseTo(0f, offset(1e-9f));
    }

    @Test
    void it_never_cuts_on_validation() {
        CosineLearningRate rate = new CosineLearningRate(0.001f, 10, 0, clock::get);
        for (int i = 0; i < 10; i++) {
            assertThat(rate.onEpoch(0.5)).isFalse();
        }
        assertThat(rate.current()).isEqualTo(0.001f);
    }

    @Test
    void schedules_are_named_in_any_case_and_an_unknown_name_is_refused() {
        assertThat(LearningRateSchedule.Kind.parse(" Cosine ")).isEqualTo(LearningRateSchedule.Kind.COSINE);
        assertThat(LearningRateSchedule.Kind.parse("plateau")).isEqualTo(LearningRateSchedule.Kind.PLATEAU);
        assertThatThrownBy(() -> LearningRateSchedule.Kind.parse("linear"))
                .hasMessageContaining("'linear'")
                .hasMessageContaining("plateau or cosine");
    }
}
