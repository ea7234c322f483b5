package io.flowerstream.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.embedded.EmbeddedKafka;
import io.flowerstream.reliability.report.Check;
import io.flowerstream.reliability.report.Results;
import io.flowerstream.reliability.support.ClassifierChild;
import io.flowerstream.reliability.support.GroupLag;
import io.flowerstream.reliability.support.ImageStream;
import io.flowerstream.reliability.support.PeakRss;
import io.flowerstream.reliability.support.PipelineOutput;
import io.flowerstream.reliability.support.PipelineTopics;
import io.flowerstream.testsupport.Eventually;
import io.flowerstream.testsupport.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A steady stream, then ten times as much for a while, then steady again, into one classifier
 * JVM. Its batch buffers never hold more than partitions x batch size records, its memory stays
 * under a bound, the group's lag rises during the burst and drains after it, and every image is
 * predicted exactly once.
 */
@Tag("long")
class BurstTest {

    private static final int PARTITIONS = 3;
    private static final int BATCH = 8;
    private static final double STEADY_PER_SECOND = 8;
    private static final Duration BURST = Duration.ofSeconds(20);
    /** -Xmx1g plus DJL's native memory, as in the hostile-input test. */
    private static final long RSS_BOUND = 1536L * 1024 * 1024;

    @Test
    void a_burst_of_ten_times_the_steady_rate_raises_the_lag_which_drains_with_memory_bounded_and_nothing_dropped(
            @TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.inTempDir().start()) {
            PipelineTopics.create(kafka, PARTITIONS);
            try (ClassifierChild classifier = ClassifierChild.start(
                            kafka.bootstrapServers(),
                            ClassifierChild.modelFolder(dir.resolve("models")),
                            dir.resolve("state"),
                            dir.resolve("classifier.log"),
                            Map.of(),
                            "--max-batch-size",
                            String.valueOf(BATCH),
                            "--decode-threads",
                            "2");
                    Admin admin = kafka.admin();
                    ImageStream images = new ImageStream(kafka.bootstrapServers(), "burst", 320, 240);
                    PipelineOutput output = new PipelineOutput(kafka.bootstrapServers())) {
                classifier.awaitReady(Duration.ofSeconds(180));
                GroupLag lag = new GroupLag(admin, ClassifierConfig.DEFAULT_APPLICATION_ID, Topics.IMAGES, PARTITIONS);
                Sampler sampler = new Sampler(classifier, lag);
                CompletableFuture<Void> sampling = CompletableFuture.runAsync(sampler);
                try {
                    images.send(STEADY_PER_SECOND, Duration.ofSeconds(10));
                    long lagBefore = sampler.maxLag.getAndSet(0);
                    images.send(STEADY_PER_SECOND * 10, BURST);
                    long burstEnded = System.nanoTime();
                    sampler.watchForDrain(burstEnded, Math.max(2 * lagBefore, 2L * PARTITIONS));
                    images.send(STEADY_PER_SECOND, Duration.ofSeconds(10));
                    List<String> sent = images.sent();
                    Eventually.await(
                            Duration.ofSeconds(300),
                            () -> output.poll().predictions().keySet().containsAll(sent),
                            () -> "predictions of all " + sent.size() + " images; missing "
                                    + sent.stream()
                                            .filter(id -> !output.predictions().containsKey(id))
                                            .count() + "; log:\n"
                                    + classifier.process().logTail());
                    long drainedSeconds = (System.nanoTime() - burstEnded) / 1_000_000_000;
                    long settle = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (System.nanoTime() < settle) {
                        output.poll();
                    }
                    sampler.stop();
                    sampling.get();
                    assertThat(sampler.drainedAt.get())
                            .as("when the lag drained after the burst")
                            .isPositive();

                    assertThat(output.duplicatedPredictions())
                            .as("images predicted more than once")
                            .isEmpty();
                    assertThat(output.predictionCount())
                            .as("committed predictions")
                            .isEqualTo(sent.size());
                    assertThat(sampler.maxLag.get())
                            .as("peak lag during and after the burst")
                            .isGreaterThan(lagBefore);
                    assertThat(lag.total())
                            .as("lag once drained (transaction markers only)")
                            .isLessThanOrEqualTo(2L * PARTITIONS);
                    // Per task: one full batch running or ready, the next one decoding (BatchingProcessor).
                    assertThat(sampler.maxBuffered.get())
                            .as("records in batch buffers at any sample")
                            .isLessThanOrEqualTo(2L * PARTITIONS * BATCH);
                    long peakRss = classifier.process().peakRssBytes();
                    assertThat(peakRss).as("peak RSS of the classifier JVM").isBetween(1L, RSS_BOUND);
                    assertThat(classifier.process().isAlive()).isTrue();

                    Results.passed(
                            Check.F6_BURST,
                            String.format(
                                    "one classifier JVM (-Xmx1g, batch %d, %d partitions, 2 decode threads): %.0f "
                                            + "images/s for 10 s, %.0f/s for %d s, %.0f/s for 10 s (%d images, 320x240 "
                                            + "JPEGs); lag and memory sampled every 250 ms: the lag rose and drained, "
                                            + "batch buffers never held more than %d records (partitions x 2 batches), "
                                            + "every image predicted exactly once",
                                    BATCH,
                                    PARTITIONS,
                                    STEADY_PER_SECOND,
                                    STEADY_PER_SECOND * 10,
                                    BURST.toSeconds(),
                                    STEADY_PER_SECOND,
                                    sent.size(),
                                    2 * PARTITIONS * BATCH),
                            String.format(
                                    "peak lag %d records (%d before the burst); lag back under %d records %.1f s after "
                                            + "the burst ended; all predicted %d s after it; most buffered %d; peak "
                                            + "heap used %s; peak RSS %s (bound %s)",
                                    sampler.maxLag.get(),
                                    lagBefore,
                                    Math.max(2 * lagBefore, 2L * PARTITIONS),
                                    (sampler.drainedAt.get() - burstEnded) / 1e9,
                                    drainedSeconds,
                                    sampler.maxBuffered.get(),
                                    PeakRss.mib(sampler.maxHeap.get()),
                                    PeakRss.mib(peakRss),
                                    PeakRss.mib(RSS_BOUND)));
                } finally {
                    sampler.stop();
                }
            }
        }
    }

    /**
     * Reads the group's lag and the classifier's buffered-records and heap gauges until stopped, keeping the maxima.
     */
    private static final class Sampler implements Runnable {

        final AtomicLong maxLag = new AtomicLong();
        final AtomicLong maxBuffered = new AtomicLong();
        final AtomicLong maxHeap = new AtomicLong();
        final AtomicLong drainedAt = new AtomicLong();
        private volatile long watchFrom = Long.MAX_VALUE;
        private volatile long drainedBelow;
        private final ClassifierChild classifier;
        private final GroupLag lag;
        private volatile boolean stopped;

        Sampler(ClassifierChild classifier, GroupLag lag) {
            this.classifier = classifier;
            this.lag = lag;
        }

        /** From {@code since} on, notes the first sample whose lag is at most {@code threshold}. */
        void watchForDrain(long since, long threshold) {
            drainedBelow = threshold;
            watchFrom = since;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            while (!stopped) {
                try {
                    long now = lag.total();
                    maxLag.accumulateAndGet(now, Math::max);
                    if (System.nanoTime() > watchFrom && now <= drainedBelow) {
                        drainedAt.compareAndSet(0, System.nanoTime());
                    }
                    String metrics =
                            Http.get(classifier.opsAddress() + "/metrics").body();
                    maxBuffered.accumulateAndGet((long) sum(metrics, "flowers_classifier_buffered", null), Math::max);
                    maxHeap.accumulateAndGet((long) sum(metrics, "jvm_memory_used_bytes{", "area=\"heap\""), Math::max);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    // a sample missed (the broker busy); the next one counts
                }
            }
        }

        private static double sum(String metrics, String prefix, String mustContain) {
            return metrics.lines()
                    .filter(l -> l.startsWith(prefix) && (mustContain == null || l.contains(mustContain)))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        }
    }
}
