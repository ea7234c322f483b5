package io.flowerstream.trainer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromotionGateTest {

    @Test
    void the_first_version_is_promoted_for_want_of_a_champion() {
        PromotionDecision decision = new PromotionGate(0, false).noChampion(0.4);
        assertThat(decision.promoted()).isTrue();
        assertThat(decision.reason()).contains("no champion");
    }

    @Test
    void a_better_version_is_promoted_and_the_reason_names_both_accuracies() {
        PromotionDecision decision = new PromotionGate(0, false).decide(0.71, 3, 0.70);
        assertThat(decision.promoted()).isTrue();
        assertThat(decision.reason()).contains("0.7100").contains("v3").contains("0.7000");
    }

    @Test
    void a_tie_is_not_promoted() {
        assertThat(new PromotionGate(0, false).decide(0.70, 3, 0.70).promoted()).isFalse();
    }

    @Test
    void a_gain_below_the_margin_is_not_promoted_but_one_at_the_margin_is() {
        PromotionGate gate = new PromotionGate(0.05, false);
        assertThat(gate.decide(0.74, 1, 0.70).promoted()).isFalse();
        assertThat(gate.decide(0.75, 1, 0.70).promoted()).isTrue();
    }

    @Test
    void promote_forces_a_worse_version_through_and_says_so() {
        PromotionDecision decision = new PromotionGate(0, true).decide(0.5, 2, 0.7);
        assertThat(decision.promoted()).isTrue();
        assertThat(decision.reason()).contains("--promote");
    }

    @Test
    void a_margin_outside_zero_to_one_is_refused() {
        assertThatThrownBy(() -> new PromotionGate(5, false)).hasMessageContaining("--margin");
    }
}
