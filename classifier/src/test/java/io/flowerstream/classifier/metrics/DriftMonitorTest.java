package io.flowerstream.classifier.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.model.image.JpegEncoding;
import io.flowerstream.model.profile.InputStatistics;
import io.flowerstream.model.profile.ProfileCounts;
import io.flowerstream.model.profile.ProfilePart;
import io.flowerstream.model.profile.ReferenceProfile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {

    private static final InputStatistics CAMERA =
            new InputStatistics(500, 375, 0.45, 40, 0.05, 9, new JpegEncoding(92, JpegEncoding.Chroma.S420));
    private static final InputStatistics THUMBNAIL =
            new InputStatistics(128, 128, 0.45, 40, 0.05, 9, new JpegEncoding(30, JpegEncoding.Chroma.S420));

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DriftMonitor monitor = new DriftMonitor(50, 10, Duration.ofMinutes(30), now::get);

    private static ReferenceProfile reference() {
        ProfileCounts counts = new ProfileCounts();
        for (int i = 0; i < 40; i++) {
            counts.add(CAMERA, i % 5, 0.5 + (i % 4) * 0.1);
        }
        return counts.toReference();
    }

    private void observe(int version, InputStatistics input, int times) {
        for (int i = 0; i < times; i++) {
            monitor.observe(version, ProfileCounts.bins(input, i % 5, 0.5 + (i % 4) * 0.1));
        }
    }

    @Test
    void gives_no_score_until_the_window_holds_enough_predictions() {
        monitor.bindTo(registry);
        monitor.watch(1, reference());
        observe(1, THUMBNAIL, 9);

        assertThat(monitor.score(1, ProfilePart.WIDTH)).isNaN();
        assertThat(registry.get("flowers.classifier.drift")
                        .tags("model_version", "1", "part", "width")
                        .gauge()
                        .value())
                .isNaN();
    }

    @Test
    void scores_traffic_like_the_reference_near_zero_and_other_traffic_high_on_the_parts_that_differ() {
        monitor.bindTo(registry);
        monitor.watch(1, reference());
        observe(1, CAMERA, 40);
        assertThat(monitor.score(1, ProfilePart.WIDTH)).isLessThan(0.05);
        assertThat(monitor.score(1, ProfilePart.PREDICTION)).isLessThan(0.05);

        observe(1, THUMBNAIL, 50);

        assertThat(monitor.score(1, ProfilePart.WIDTH))
                .as("the window now holds only thumbnails")
                .isEqualTo(1.0);
        assertThat(monitor.score(1, ProfilePart.JPEG_QUALITY)).isEqualTo(1.0);
        assertThat(monitor.score(1, ProfilePart.BRIGHTNESS)).isLessThan(0.05);
        assertThat(registry.get("flowers.classifier.drift")
                        .tags("model_version", "1", "part", "height")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(registry.get("flowers.classifier.profile.share")
                        .tags("model_version", "1", "part", "width", "bin", "128-200", "side", "live")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(registry.get("flowers.classifier.profile.share")
                        .tags("model_version", "1", "part", "width", "bin", "128-200", "side", "reference")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void predictions_older_than_the_window_age_leave_it() {
        monitor.watch(1, reference());
        observe(1, THUMBNAIL, 20);
        assertThat(monitor.score(1, ProfilePart.WIDTH)).isEqualTo(1.0);

        now.addAndGet(Duration.ofMinutes(31).toMillis());

        assertThat(monitor.score(1, ProfilePart.WIDTH))
                .as("a version without traffic fades out")
                .isNaN();
    }

    @Test
    void keeps_meters_for_the_last_three_versions_and_none_for_a_version_without_a_reference() {
        monitor.bindTo(registry);
        for (int v = 1; v <= 4; v++) {
            monitor.watch(v, reference());
        }
        monitor.watch(5, null);
        observe(5, THUMBNAIL, 20);

        assertThat(registry.find("flowers.classifier.drift")
                        .tag("model_version", "1")
                        .gauges())
                .isEmpty();
        assertThat(registry.find("flowers.classifier.drift")
                        .tag("model_version", "4")
                        .gauges())
                .hasSize(ProfilePart.values().length);
        assertThat(registry.find("flowers.classifier.drift")
                        .tag("model_version", "5")
                        .gauges())
                .isEmpty();
        assertThat(monitor.score(5, ProfilePart.WIDTH)).isNaN();
    }
}
