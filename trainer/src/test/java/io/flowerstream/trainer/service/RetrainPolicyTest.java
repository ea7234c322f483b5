package io.flowerstream.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetrainPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final RetrainPolicy policy = new RetrainPolicy(
            Duration.ofMinutes(30), 100, Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(30));

    @Test
    void a_bucket_with_photos_and_no_version_trains_at_once() {
        assertThat(policy.due(NOW, null, 0, 10, null)).isTrue();
    }

    @Test
    void an_empty_bucket_never_trains() {
        assertThat(policy.due(NOW, null, 0, 0, null)).isFalse();
    }

    @Test
    void the_interval_since_the_last_version_triggers_a_run() {
        assertThat(policy.due(NOW, NOW.minus(Duration.ofMinutes(29)), 500, 510, null))
                .isFalse();
        assertThat(policy.due(NOW, NOW.minus(Duration.ofMinutes(30)), 500, 510, null))
                .isTrue();
    }

    @Test
    void enough_new_photos_trigger_a_run_before_the_interval() {
        assertThat(policy.due(NOW, NOW.minus(Duration.ofMinutes(1)), 500, 599, null))
                .isFalse();
        assertThat(policy.due(NOW, NOW.minus(Duration.ofMinutes(1)), 500, 600, null))
                .isTrue();
    }

    @Test
    void nothing_runs_during_a_backoff() {
        assertThat(policy.due(NOW, null, 0, 10, NOW.plusSeconds(1))).isFalse();
    }

    @Test
    void the_backoff_doubles_up_to_its_maximum() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.backoff(20)).isEqualTo(Duration.ofMinutes(30));
    }
}
