package io.flowerstream.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushReportTest {

    @Test
    void summary_counts_published_and_skipped_by_reason_with_thousands_separators() {
        List<FileOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 1062; i++) {
            outcomes.add(new FileOutcome.Published(Path.of("p" + i + ".jpg"), "id" + i, 10, 0, i));
        }
        outcomes.add(new FileOutcome.Skipped(Path.of("a.jpg"), "truncated", "a"));
        outcomes.add(new FileOutcome.Skipped(Path.of("b.txt"), "not_an_image", "b"));
        outcomes.add(new FileOutcome.Skipped(Path.of("c.jpg"), "truncated", "c"));

        PushReport report = new PushReport(outcomes, 1.0);

        assertThat(report.summary())
                .isEqualTo("published 1,062 of 1,065 images; 3 skipped: 2 truncated, 1 not_an_image");
        assertThat(report.exitCode(false)).isZero();
        assertThat(report.exitCode(true)).isEqualTo(1);
    }

    @Test
    void a_failed_send_is_in_the_summary_and_fails_the_run_even_without_strict() {
        PushReport report = new PushReport(
                List.of(
                        new FileOutcome.Published(Path.of("a.jpg"), "id", 10, 0, 0),
                        new FileOutcome.Failed(Path.of("b.jpg"), "b: not acknowledged")),
                1.0);

        assertThat(report.summary()).isEqualTo("published 1 of 2 images; 1 failed to send");
        assertThat(report.exitCode(false)).isEqualTo(1);
    }

    @Test
    void a_clean_push_says_only_what_was_published() {
        PushReport report = new PushReport(List.of(new FileOutcome.Published(Path.of("a.jpg"), "id", 10, 0, 0)), 1.0);

        assertThat(report.summary()).isEqualTo("published 1 of 1 images");
        assertThat(report.exitCode(true)).isZero();
    }
}
