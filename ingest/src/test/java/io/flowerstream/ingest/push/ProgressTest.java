package io.flowerstream.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void a_terminal_gets_a_bar_with_count_rate_and_eta() {
        Progress progress = new Progress(new PrintWriter(new StringWriter()), true, Duration.ofSeconds(1), now::get);
        progress.start(100);
        for (int i = 0; i < 50; i++) {
            progress.advance();
        }
        now.set(Duration.ofSeconds(10).toNanos());

        assertThat(progress.render(now.get()))
                .isEqualTo("[" + "#".repeat(15) + " ".repeat(15) + "] 50/100 images  5.0 images/s  ETA 0:10");
    }

    @Test
    void elsewhere_it_prints_a_plain_line_per_interval() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), false, Duration.ofSeconds(5), now::get);
        progress.start(3);
        now.set(Duration.ofSeconds(6).toNanos());
        progress.advance();
        progress.advance();
        progress.advance();
        progress.finish();

        assertThat(text.toString().lines())
                .containsExactly("1/3 images  0.2 images/s  ETA 0:12", "3/3 images  0.5 images/s  ETA 0:00");
    }
}
