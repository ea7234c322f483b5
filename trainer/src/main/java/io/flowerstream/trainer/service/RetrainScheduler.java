package io.flowerstream.trainer.service;

import io.flowerstream.trainer.metrics.TrainerMetrics;
import io.flowerstream.trainer.run.RunResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code trainer serve}: checks the {@link RetrainPolicy} every poll and starts a training run
 * when it is due. One thread does both, so two runs can never overlap; a failed run is logged,
 * counted, and retried after a growing backoff.
 */
public final class RetrainScheduler implements AutoCloseable {

    /** What the scheduler asks the outside world. */
    public interface Source {
        /** Labelled photos in the bucket now. */
        long countImages() throws Exception;

        /** Labelled photos per class now; asked instead of {@link #countImages()} when a {@link MinimumData} is set. */
        default Map<String, Long> countImagesPerClass() throws Exception {
            throw new UnsupportedOperationException(
                    "this source cannot count photos per class: run without a minimum per class");
        }

        /** Where the photos are, for log lines. */
        default String describe() {
            return "the bucket";
        }

        /** When the last version was published and from how many photos; null if never. */
        LastRun lastRun() throws Exception;

        /** Trains and publishes one version. */
        RunResult runOnce() throws Exception;
    }

    /** The last published version's time and dataset size. */
    public record LastRun(Instant at, long images) {}

    private static final Logger LOG = LoggerFactory.getLogger(RetrainScheduler.class);

    private final Source source;
    private final RetrainPolicy policy;
    private final MinimumData minimum;
    private final TrainerMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "retrain-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private int failures;
    private Instant notBefore;
    private Map<String, Long> lastShortfall = Map.of();

    /** A scheduler that trains on any non-empty bucket. */
    public RetrainScheduler(Source source, RetrainPolicy policy, TrainerMetrics metrics, Clock clock) {
        this(source, policy, MinimumData.none(), metrics, clock);
    }

    /** A scheduler that waits, without failing, until every class has {@code minimum} photos. */
    public RetrainScheduler(
            Source source, RetrainPolicy policy, MinimumData minimum, TrainerMetrics metrics, Clock clock) {
        this.source = source;
        this.policy = policy;
        this.minimum = minimum;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Starts polling now. */
    public RetrainScheduler start() {
        thread.scheduleWithFixedDelay(this::tick, 0, policy.poll().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** False while the last attempt failed: what {@code /health/ready} reports. */
    public boolean healthy() {
        return healthy.get();
    }

    /** Runs failed in a row. */
    public synchronized int failuresInARow() {
        return failures;
    }

    private void tick() {
        Instant started = clock.instant();
        try {
            LastRun last = source.lastRun();
            long images;
            if (minimum.active()) {
                Map<String, Long> perClass = source.countImagesPerClass();
                if (!enoughData(perClass)) {
                    return;
                }
                images = perClass.values().stream().mapToLong(Long::longValue).sum();
            } else {
                images = source.countImages();
            }
            boolean due = policy.due(
                    started, last == null ? null : last.at(), last == null ? 0 : last.images(), images, notBefore);
            if (!due) {
                return;
            }
            LOG.info(
                    "retraining: {} labelled photos now, {} at the last run ({})",
                    images,
                    last == null ? 0 : last.images(),
                    last == null ? "never ran" : "published " + last.at());
            RunResult result = source.runOnce();
            synchronized (this) {
                failures = 0;
                notBefore = null;
            }
            healthy.set(true);
            if (metrics != null) {
                metrics.runFinished("success", Duration.between(started, clock.instant()));
            }
            LOG.info("run published version {}", result.version());
        } catch (Exception | Error e) {
            Duration wait;
            synchronized (this) {
                failures++;
                wait = policy.backoff(failures);
                notBefore = clock.instant().plus(wait);
            }
            healthy.set(false);
            if (metrics != null) {
                metrics.runFinished("failure", Duration.between(started, clock.instant()));
            }
            LOG.error(
                    "training run failed ({} in a row), nothing was published; retrying in {}: {}",
                    failures,
                    wait,
                    e.toString(),
                    e);
        }
    }

    /**
     * Whether every class has the minimum. Short of it: not a failure (no backoff, no failed-run
     * count, health unchanged), one log line each time the shortfall changes, and the gauge
     * {@code flowers.trainer.classes.short} says how many classes are short.
     */
    private boolean enoughData(Map<String, Long> perClass) {
        Map<String, Long> shortOf = minimum.shortOf(perClass);
        if (!shortOf.equals(lastShortfall)) {
            if (shortOf.isEmpty()) {
                LOG.info(
                        "every class has at least {} labelled photos in {}: training can start",
                        minimum.minPerClass(),
                        source.describe());
            } else {
                LOG.warn(minimum.refusal(shortOf, source.describe()));
            }
            lastShortfall = shortOf;
        }
        // The gauge after the log line: whoever sees the new count (an operator, a test) finds the
        // line naming the classes already written.
        if (metrics != null) {
            metrics.classesShortOfData(shortOf.size());
        }
        return shortOf.isEmpty();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
