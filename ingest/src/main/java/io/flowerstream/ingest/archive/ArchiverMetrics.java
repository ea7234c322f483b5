package io.flowerstream.ingest.archive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** The archiver's meters: images stored, records not stored by reason, and the consumer's lag. */
public final class ArchiverMetrics {

    private final MeterRegistry registry;
    private final Counter archived;
    private final AtomicLong lag = new AtomicLong();

    public ArchiverMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.archived = Counter.builder("flowers.ingest.archived")
                .description("Labelled images newly stored in the bucket")
                .register(registry);
        Gauge.builder("flowers.ingest.archive.lag", lag, AtomicLong::get)
                .description("Records of the images topic the archiver has yet to read, over its assigned partitions")
                .register(registry);
    }

    /** One image newly stored. */
    public void archived() {
        archived.increment();
    }

    /**
     * One record not stored, for {@code reason} ({@code unlabelled}, {@code already_stored}, {@code unknown_label}, a
     * decoder code).
     */
    public void skipped(String reason) {
        skippedCounter(reason).increment();
    }

    /** Sets the lag gauge. */
    public void lag(long records) {
        lag.set(records);
    }

    /** Images stored so far (tests). */
    public double archivedCount() {
        return archived.count();
    }

    /** Records skipped for {@code reason} so far (tests). */
    public double skippedCount(String reason) {
        return skippedCounter(reason).count();
    }

    private Counter skippedCounter(String reason) {
        return Counter.builder("flowers.ingest.archive.skipped")
                .tag("reason", reason)
                .description("Records of the images topic not stored, by reason")
                .register(registry);
    }
}
