package io.flowerstream.standalone.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.classifier.metrics.ClassifierMetrics;
import io.flowerstream.classifier.metrics.ClassifierMetrics.TruthSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PipelineReadingsTest {

    @Test
    void reports_accuracy_only_for_versions_with_judged_predictions() {
        SimpleMeterRegistry classifier = new SimpleMeterRegistry();
        ClassifierMetrics metrics = new ClassifierMetrics(() -> 2);
        metrics.bindTo(classifier);
        metrics.modelLoaded(1, TimeUnit.SECONDS.toNanos(1));
        metrics.judged(1, true, TruthSource.HEADER);
        metrics.judged(1, true, TruthSource.FEEDBACK);
        metrics.judged(1, false, TruthSource.HEADER);
        metrics.modelLoaded(2, TimeUnit.SECONDS.toNanos(1));

        PipelineReadings readings =
                new PipelineReadings(new SimpleMeterRegistry(), classifier, new SimpleMeterRegistry());

        assertThat(readings.accuracyByVersion()).containsOnlyKeys(1);
        assertThat(readings.accuracyByVersion().get(1)).isEqualTo(new PipelineReadings.Accuracy(2, 3));
        assertThat(readings.predictions()).isZero();
    }
}
