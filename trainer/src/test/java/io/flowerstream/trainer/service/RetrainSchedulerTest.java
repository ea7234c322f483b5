package io.flowerstream.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.trainer.metrics.TrainerMetrics;
import io.flowerstream.trainer.run.RunResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrainSchedulerTest {

    @Test
    void a_failed_run_is_counted_retried_after_the_backoff_and_runs_never_overlap() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch succeeded = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<RetrainScheduler.LastRun> last =
                new java.util.concurrent.atomic.AtomicReference<>();
        RetrainScheduler.Source source = new RetrainScheduler.Source() {
            @Override
            public long countImages() {
                return 10;
            }

            @Override
            public RetrainScheduler.LastRun lastRun() {
                return last.get();
            }

            @Override
            public RunResult runOnce() throws Exception {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                try {
                    Thread.sleep(30);
                    if (attempts.incrementAndGet() == 1) {
                        throw new IOException("S3 is down");
                    }
                    // As the registry would: the published run is the last one, so no other is due for an hour.
                    last.set(new RetrainScheduler.LastRun(Instant.now(), 10));
                    succeeded.countDown();
                    return new RunResult(1, 10, 8, 2, null, null, null, 0.03);
                } finally {
                    running.decrementAndGet();
                }
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TrainerMetrics metrics = new TrainerMetrics();
        metrics.bindTo(meters);
        RetrainPolicy policy = new RetrainPolicy(
                Duration.ofHours(1), 0, Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(1));
        Instant start = Instant.now();
        try (RetrainScheduler scheduler = new RetrainScheduler(source, policy, metrics, Clock.systemUTC()).start()) {
            assertThat(succeeded.await(10, TimeUnit.SECONDS))
                    .as("a retry succeeded")
                    .isTrue();
            // The latch opens inside runOnce, just before the scheduler records the success: give it that moment.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!scheduler.healthy() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(scheduler.healthy())
                    .as("healthy after the successful retry")
                    .isTrue();
        }
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(overlaps.get()).isZero();
        assertThat(meters.get("flowers.trainer.runs.failed").counter().count()).isEqualTo(1);
        assertThat(meters.get("flowers.trainer.run.duration")
                        .tag("outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
    }
}
