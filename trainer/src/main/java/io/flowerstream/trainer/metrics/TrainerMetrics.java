package io.flowerstream.trainer.metrics;

import io.flowerstream.trainer.train.EpochResult;
import io.flowerstream.trainer.train.ProgressListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The trainer's meters: per-epoch loss and accuracy (phase {@code train} or {@code validation},
 * tagged with the version being trained), run duration and outcome, training speed, dataset
 * size, classes short of data, the champion and last published versions, failed runs.
 *
 * <p>Only the version being trained keeps epoch gauges: older versions' series are removed when a
 * new run starts, so the version tag stays bounded.
 */
public final class TrainerMetrics implements MeterBinder, ProgressListener {

    private final AtomicReference<Double> imagesPerSecond = new AtomicReference<>(0.0);
    private final AtomicLong datasetSize = new AtomicLong();
    private final AtomicLong championVersion = new AtomicLong();
    private final AtomicLong lastPublishedVersion = new AtomicLong();
    private final AtomicLong classesShort = new AtomicLong();
    private final double[] epochValues = new double[4];
    private final List<Meter> epochMeters = new ArrayList<>();
    private MeterRegistry registry;

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        this.registry = meterRegistry;
        Gauge.builder("flowers.trainer.images.per.second", imagesPerSecond, AtomicReference::get)
                .description("training images per second in the last epoch")
                .register(meterRegistry);
        Gauge.builder("flowers.trainer.dataset.size", datasetSize, AtomicLong::get)
                .description("labelled photos in the last run's manifest")
                .register(meterRegistry);
        Gauge.builder("flowers.trainer.champion.version", championVersion, AtomicLong::get)
                .description("the version the champion alias points to; 0 for none")
                .register(meterRegistry);
        Gauge.builder("flowers.trainer.published.version", lastPublishedVersion, AtomicLong::get)
                .description("the last version this trainer published; 0 for none")
                .register(meterRegistry);
        Gauge.builder("flowers.trainer.classes.short", classesShort, AtomicLong::get)
                .description(
                        "classes with fewer labelled photos than TRAIN_MIN_PER_CLASS: the trainer waits while above 0")
                .register(meterRegistry);
        failedRuns();
        runTimer("success");
    }

    /** A run for {@code version} starts: its epoch gauges replace the previous version's. */
    public synchronized void runStarted(int version, int photos) {
        datasetSize.set(photos);
        if (registry == null) {
            return;
        }
        epochMeters.forEach(registry::remove);
        epochMeters.clear();
        java.util.Arrays.fill(epochValues, Double.NaN);
        String v = Integer.toString(version);
        epochMeters.add(epochGauge("flowers.trainer.epoch.loss", "train", v, 0));
        epochMeters.add(epochGauge("flowers.trainer.epoch.accuracy", "train", v, 1));
        epochMeters.add(epochGauge("flowers.trainer.epoch.loss", "validation", v, 2));
        epochMeters.add(epochGauge("flowers.trainer.epoch.accuracy", "validation", v, 3));
    }

    private Gauge epochGauge(String name, String phase, String version, int slot) {
        return Gauge.builder(name, epochValues, values -> values[slot])
                .tags(Tags.of("phase", phase, "version", version))
                .register(registry);
    }

    @Override
    public synchronized void onEpoch(int epochs, EpochResult result, boolean best, boolean learningRateCut) {
        epochValues[0] = result.loss();
        epochValues[1] = result.accuracy();
        epochValues[2] = result.valLoss();
        epochValues[3] = result.valAccuracy();
        imagesPerSecond.set(result.imagesPerSecond());
    }

    /** A run ended: {@code outcome} is {@code success} or {@code failure}. */
    public void runFinished(String outcome, Duration took) {
        if (registry != null) {
            runTimer(outcome).record(took);
            if ("failure".equals(outcome)) {
                failedRuns().increment();
            }
        }
    }

    /** A version was published, and whether it is now the champion. */
    public void published(int version, boolean champion) {
        lastPublishedVersion.set(version);
        if (champion) {
            championVersion.set(version);
        }
    }

    /** How many classes are below the minimum of photos per class (0: training may run). */
    public void classesShortOfData(int classes) {
        classesShort.set(classes);
    }

    /** The champion as found in the registry. */
    public void champion(int version) {
        championVersion.set(version);
    }

    private Counter failedRuns() {
        return Counter.builder("flowers.trainer.runs.failed")
                .description("training runs that failed and published nothing")
                .register(registry);
    }

    private Timer runTimer(String outcome) {
        return Timer.builder("flowers.trainer.run.duration")
                .description("wall time of a training run, loading and publishing included")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofHours(4))
                .register(registry);
    }
}
