package io.flowerstream.classifier.metrics;

import io.flowerstream.contracts.FlowerClasses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The classifier's own meters, under {@code flowers.classifier.}: batching, latency, predictions,
 * dead letters, model loading and online accuracy. Tags stay bounded: label, model version,
 * outcome, source, stage, reason; never an image id.
 *
 * <p>Online accuracy is two counters of one name, {@code outcome=correct|wrong}, so Prometheus
 * computes it as a ratio ({@code sum(rate(..{outcome="correct"})) / sum(rate(..))}) per version; a
 * {@code certainty=sure|unsure} tag splits it by whether the prediction was below the version's abstain
 * threshold, so that the accuracy of the sure predictions alone is one selector away. Unsure
 * predictions are also counted on their own ({@code flowers.classifier.unsure.predictions}), and the
 * {@link DriftMonitor} compares live traffic with each version's reference profile.
 */
public final class ClassifierMetrics implements MeterBinder {

    /** Where a ground truth came from. */
    public enum TruthSource {
        /** The image's own {@code label} header. */
        HEADER,
        /** A later record on {@code flowers.feedback}, joined by image id. */
        FEEDBACK;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final IntSupplier servingVersion;
    private final AtomicInteger buffered = new AtomicInteger();
    private final DriftMonitor drift;
    private MeterRegistry registry = new SimpleMeterRegistry();
    private DistributionSummary batchSize;
    private Timer queueWait;
    private Timer inference;
    private Timer preprocess;
    private Timer endToEnd;
    private Timer modelLoad;

    /** Meters whose serving-version gauge reads {@code servingVersion} (0 when none). */
    public ClassifierMetrics(IntSupplier servingVersion) {
        this(servingVersion, new DriftMonitor());
    }

    /** As {@link #ClassifierMetrics(IntSupplier)} with a given drift monitor (tests: a small window, a fake clock). */
    public ClassifierMetrics(IntSupplier servingVersion, DriftMonitor drift) {
        this.servingVersion = servingVersion;
        this.drift = drift;
        bindTo(registry);
    }

    /** Live traffic against each version's reference profile. */
    public DriftMonitor drift() {
        return drift;
    }

    @Override
    public void bindTo(MeterRegistry target) {
        this.registry = target;
        batchSize = DistributionSummary.builder("flowers.classifier.batch.size")
                .description("Images per forward pass")
                .baseUnit("images")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(1024.0)
                .register(target);
        queueWait = timer(
                "flowers.classifier.queue.wait",
                "From a record's arrival in the batch buffer to its batch starting",
                Duration.ofMillis(1),
                Duration.ofSeconds(10));
        inference = timer(
                "flowers.classifier.inference",
                "One batch's forward pass",
                Duration.ofMillis(1),
                Duration.ofSeconds(30));
        preprocess = timer(
                "flowers.classifier.preprocess",
                "Decoding and preprocessing one image",
                Duration.ofMillis(1),
                Duration.ofSeconds(5));
        endToEnd = timer(
                "flowers.classifier.latency",
                "From the image record's timestamp to its prediction",
                Duration.ofMillis(1),
                Duration.ofMinutes(5));
        modelLoad = timer(
                "flowers.classifier.model.load",
                "Fetching, verifying, loading and warming up a model version",
                Duration.ofMillis(10),
                Duration.ofMinutes(5));
        Gauge.builder("flowers.classifier.model.version", servingVersion, s -> s.getAsInt())
                .description("The model version being served (0: none yet)")
                .register(target);
        Gauge.builder("flowers.classifier.buffered", buffered, AtomicInteger::get)
                .description("Records waiting in batch buffers")
                .baseUnit("records")
                .register(target);
        DeadLetterCause.ALL.forEach(this::deadLetterCounter);
        drift.bindTo(target);
    }

    private Timer timer(String name, String description, Duration min, Duration max) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(min)
                .maximumExpectedValue(max)
                .register(registry);
    }

    /** One forward pass of {@code size} images that took {@code nanos}. */
    public void batch(int size, long nanos) {
        batchSize.record(size);
        inference.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A record waited {@code nanos} in the buffer. */
    public void queueWait(long nanos) {
        queueWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One image took {@code nanos} to decode and preprocess. */
    public void preprocess(long nanos) {
        preprocess.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One sure prediction of {@code label} by {@code version}, {@code latencyMs} after its record's timestamp. */
    public void prediction(String label, int version, long latencyMs) {
        prediction(label, version, latencyMs, false);
    }

    /** One prediction, counted also as unsure when it was below the version's abstain threshold. */
    public void prediction(String label, int version, long latencyMs, boolean unsure) {
        predictionsCounter(label, version).increment();
        if (unsure) {
            unsureCounter(version).increment();
        }
        endToEnd.record(Math.max(0, latencyMs), TimeUnit.MILLISECONDS);
    }

    /** One record sent to the dead-letter topic. */
    public void deadLetter(DeadLetterCause cause) {
        deadLetterCounter(cause).increment();
    }

    /** Registered at 0 for every known cause when bound (see {@link DeadLetterCause}). */
    private Counter deadLetterCounter(DeadLetterCause cause) {
        return Counter.builder("flowers.classifier.dead.letters")
                .description("Records sent to the dead-letter topic")
                .tag("stage", cause.stage())
                .tag("reason", cause.reason())
                .register(registry);
    }

    /**
     * Model {@code version} loaded and warmed up in {@code nanos}. Its per-version counters start at 0
     * now: Prometheus takes a series' first sample as its baseline, so a counter born between two
     * scrapes with its first burst already counted would show no increase, and the online-accuracy
     * ratio would read 0/0 (an empty panel) until the next burst.
     */
    public void modelLoaded(int version, long nanos) {
        modelLoad.record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("flowers.classifier.model.swaps")
                .description("Model versions put into service")
                .register(registry)
                .increment();
        for (String label : FlowerClasses.NAMES) {
            predictionsCounter(label, version);
        }
        unsureCounter(version);
        for (TruthSource source : TruthSource.values()) {
            for (boolean unsure : new boolean[] {false, true}) {
                onlineCounter(version, true, unsure, source);
                onlineCounter(version, false, unsure, source);
            }
        }
    }

    /** A model version refused, for {@code reason} (not_found, integrity, malformed, unavailable, warmup). */
    public void modelLoadFailed(String reason) {
        Counter.builder("flowers.classifier.model.load.failures")
                .description("Model versions that failed to load")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** A sure prediction by {@code version} compared with a ground truth. */
    public void judged(int version, boolean correct, TruthSource source) {
        judged(version, correct, false, source);
    }

    /** A prediction by {@code version}, sure or not, compared with a ground truth. */
    public void judged(int version, boolean correct, boolean unsure, TruthSource source) {
        onlineCounter(version, correct, unsure, source).increment();
    }

    private Counter predictionsCounter(String label, int version) {
        return Counter.builder("flowers.classifier.predictions")
                .description("Predictions made")
                .tag("label", label)
                .tag("model_version", Integer.toString(version))
                .register(registry);
    }

    private Counter unsureCounter(int version) {
        return Counter.builder("flowers.classifier.unsure.predictions")
                .description("Predictions whose calibrated confidence was below the version's abstain threshold")
                .tag("model_version", Integer.toString(version))
                .register(registry);
    }

    private Counter onlineCounter(int version, boolean correct, boolean unsure, TruthSource source) {
        return Counter.builder("flowers.classifier.online.predictions")
                .description("Predictions compared with a ground truth, for online accuracy")
                .tag("outcome", correct ? "correct" : "wrong")
                .tag("model_version", Integer.toString(version))
                .tag("certainty", unsure ? "unsure" : "sure")
                .tag("source", source.tag())
                .register(registry);
    }

    /** Records entering ({@code delta > 0}) or leaving batch buffers. */
    public void buffered(int delta) {
        buffered.addAndGet(delta);
    }
}
