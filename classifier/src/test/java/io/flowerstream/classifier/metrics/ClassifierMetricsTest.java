package io.flowerstream.classifier.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.FlowerClasses;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClassifierMetricsTest {

    @Test
    void binds_every_meter_under_flowers_classifier_with_bounded_tags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger version = new AtomicInteger(4);
        ClassifierMetrics metrics = new ClassifierMetrics(version::get);
        metrics.bindTo(registry);

        metrics.batch(8, TimeUnit.MILLISECONDS.toNanos(90));
        metrics.queueWait(TimeUnit.MILLISECONDS.toNanos(3));
        metrics.preprocess(TimeUnit.MILLISECONDS.toNanos(2));
        metrics.prediction("rose", 4, 120);
        metrics.deadLetter(new DeadLetterCause("decode", "truncated"));
        metrics.modelLoaded(4, TimeUnit.SECONDS.toNanos(1));
        metrics.modelLoadFailed("integrity");
        metrics.judged(4, true, ClassifierMetrics.TruthSource.HEADER);
        metrics.judged(4, false, ClassifierMetrics.TruthSource.FEEDBACK);
        metrics.buffered(5);
        metrics.buffered(-2);

        assertThat(registry.get("flowers.classifier.batch.size").summary().totalAmount())
                .isEqualTo(8);
        Timer inference = registry.get("flowers.classifier.inference").timer();
        assertThat(inference.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(90);
        assertThat(registry.get("flowers.classifier.latency").timer().count()).isEqualTo(1);
        assertThat(registry.get("flowers.classifier.queue.wait").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("flowers.classifier.preprocess").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("flowers.classifier.predictions")
                        .tags("label", "rose", "model_version", "4")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("flowers.classifier.dead.letters")
                        .tags("stage", "decode", "reason", "truncated")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("flowers.classifier.model.load").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("flowers.classifier.model.load.failures")
                        .tag("reason", "integrity")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("flowers.classifier.online.predictions")
                        .tags("outcome", "correct", "source", "header", "model_version", "4", "certainty", "sure")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("flowers.classifier.online.predictions")
                        .tags("outcome", "wrong", "source", "feedback", "certainty", "sure")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("flowers.classifier.model.version").gauge().value())
                .isEqualTo(4);
        assertThat(registry.get("flowers.classifier.buffered").gauge().value()).isEqualTo(3);
        assertThat(registry.getMeters()).allSatisfy(m -> {
            assertThat(m.getId().getName()).startsWith("flowers.classifier.");
            assertThat(m.getId().getTags()).noneMatch(t -> t.getKey().contains("id"));
        });
    }

    @Test
    void every_dead_letter_cause_is_counted_from_zero_before_the_first_dead_letter() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ClassifierMetrics(() -> 0).bindTo(registry);

        for (DeadLetterCause cause : DeadLetterCause.ALL) {
            assertThat(registry.get("flowers.classifier.dead.letters")
                            .tags("stage", cause.stage(), "reason", cause.reason())
                            .counter()
                            .count())
                    .as(cause.toString())
                    .isZero();
        }
        assertThat(DeadLetterCause.ALL)
                .contains(
                        new DeadLetterCause("decode", "truncated"),
                        new DeadLetterCause("validate", "no_image_id"),
                        new DeadLetterCause("deserialize", "deserialize_failed"));
    }

    @Test
    void a_loaded_version_has_its_counters_at_zero_before_its_first_prediction() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ClassifierMetrics metrics = new ClassifierMetrics(() -> 7);
        metrics.bindTo(registry);

        metrics.modelLoaded(7, TimeUnit.SECONDS.toNanos(1));

        // outcome x certainty x source, one prediction counter per class, and the unsure counter, all at 0
        assertThat(registry.find("flowers.classifier.online.predictions")
                        .tag("model_version", "7")
                        .counters())
                .hasSize(8)
                .allSatisfy(c -> assertThat(c.count()).isZero());
        assertThat(registry.get("flowers.classifier.unsure.predictions")
                        .tag("model_version", "7")
                        .counter()
                        .count())
                .isZero();
        assertThat(registry.find("flowers.classifier.predictions")
                        .tag("model_version", "7")
                        .counters())
                .hasSize(FlowerClasses.NAMES.size())
                .allSatisfy(c -> assertThat(c.count()).isZero());

        metrics.judged(7, false, ClassifierMetrics.TruthSource.FEEDBACK);
        assertThat(registry.get("flowers.classifier.online.predictions")
                        .tags("model_version", "7", "outcome", "wrong", "source", "feedback", "certainty", "sure")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void counts_unsure_predictions_per_version_and_splits_online_accuracy_by_certainty() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ClassifierMetrics metrics = new ClassifierMetrics(() -> 3);
        metrics.bindTo(registry);
        metrics.modelLoaded(3, TimeUnit.SECONDS.toNanos(1));

        metrics.prediction("tulip", 3, 10, true);
        metrics.prediction("tulip", 3, 10, true);
        metrics.prediction("rose", 3, 10, false);
        metrics.judged(3, false, true, ClassifierMetrics.TruthSource.FEEDBACK);
        metrics.judged(3, true, false, ClassifierMetrics.TruthSource.FEEDBACK);

        assertThat(registry.get("flowers.classifier.unsure.predictions")
                        .tag("model_version", "3")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.find("flowers.classifier.predictions").tag("model_version", "3").counters().stream()
                        .mapToDouble(c -> c.count())
                        .sum())
                .isEqualTo(3);
        assertThat(registry.get("flowers.classifier.online.predictions")
                        .tags("certainty", "unsure", "outcome", "wrong", "model_version", "3", "source", "feedback")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("flowers.classifier.online.predictions")
                        .tags("certainty", "sure", "outcome", "correct", "model_version", "3", "source", "feedback")
                        .counter()
                        .count())
                .isEqualTo(1);
    }
}
