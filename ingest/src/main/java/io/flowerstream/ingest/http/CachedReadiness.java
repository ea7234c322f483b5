package io.flowerstream.ingest.http;

import io.flowerstream.ingest.publish.BrokerProbe;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Readiness as "a broker answered recently": asks the {@link BrokerProbe} at most once per
 * interval, so a probe every second from Kubernetes does not become a describeCluster each.
 */
public final class CachedReadiness implements BooleanSupplier {

    private final BooleanSupplier probe;
    private final long intervalNanos;
    private final LongSupplier clock;
    private long checkedAt;
    private boolean ready;
    private boolean everChecked;

    public CachedReadiness(BooleanSupplier probe, Duration interval, LongSupplier nanoClock) {
        this.probe = probe;
        this.intervalNanos = interval.toNanos();
        this.clock = nanoClock;
    }

    /** Readiness over {@code probe}, re-checked at most every 5 s. */
    public static CachedReadiness of(BrokerProbe probe) {
        return new CachedReadiness(probe::isReachable, Duration.ofSeconds(5), System::nanoTime);
    }

    @Override
    public synchronized boolean getAsBoolean() {
        long now = clock.getAsLong();
        if (!everChecked || now - checkedAt >= intervalNanos) {
            ready = probe.getAsBoolean();
            checkedAt = clock.getAsLong();
            everChecked = true;
        }
        return ready;
    }
}
