package io.flowerstream.classifier.metrics;

import io.flowerstream.model.profile.JensenShannon;
import io.flowerstream.model.profile.ProfileCounts;
import io.flowerstream.model.profile.ProfilePart;
import io.flowerstream.model.profile.ReferenceProfile;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Compares live traffic with each served version's reference profile: keeps the same binned profile
 * over a sliding window of that version's recent predictions and exports, per profile part, the
 * Jensen-Shannon distance between the two as the gauge {@code flowers.classifier.drift}
 * (tags {@code model_version}, {@code part}), and the share of each bin on both sides as
 * {@code flowers.classifier.profile.share} (tags {@code model_version}, {@code part}, {@code bin},
 * {@code side=live|reference}) for the dashboard to draw one against the other.
 *
 * <p>The window holds a version's last {@link #DEFAULT_WINDOW} predictions that are at most
 * {@link #DEFAULT_MAX_AGE} old; while it holds fewer than {@link #DEFAULT_MIN_OBSERVATIONS} the
 * distance is NaN (no verdict from a handful of photos, and a version no longer receiving traffic
 * fades out rather than keep its last score). A version without a reference profile (published
 * before profiles existed) gets no drift meters. Meters of versions older than the last
 * {@link #VERSIONS_KEPT} watched are removed, so tags stay bounded. Thread-safe: stream threads
 * observe while the scrape reads.
 */
public final class DriftMonitor {

    /**
     * The distance the {@code FlowersInputDrift} alert fires above (dashboards/prometheus/rules): well
     * above what sampling noise gives a window of traffic like the reference (about 0.1 at 100 to 500
     * photos over ten bins), well below what a change of source gives the part it touches (0.5 to 1).
     */
    public static final double ALERT_THRESHOLD = 0.3;

    /** Predictions per version in the live window. */
    public static final int DEFAULT_WINDOW = 500;
    /** Fewer predictions than this in the window give no score. */
    public static final int DEFAULT_MIN_OBSERVATIONS = 100;
    /** Predictions older than this leave the window. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
    /** Versions whose meters are kept (the one served, the one before, and a canary). */
    static final int VERSIONS_KEPT = 3;

    private final int windowSize;
    private final int minObservations;
    private final long maxAgeMs;
    private final LongSupplier clockMs;
    private final Map<Integer, Window> windows = new LinkedHashMap<>();
    private MeterRegistry registry;

    /** A monitor with the defaults and the system clock. */
    public DriftMonitor() {
        this(DEFAULT_WINDOW, DEFAULT_MIN_OBSERVATIONS, DEFAULT_MAX_AGE, System::currentTimeMillis);
    }

    public DriftMonitor(int windowSize, int minObservations, Duration maxAge, LongSupplier clockMs) {
        if (windowSize < 1 || minObservations < 1 || minObservations > windowSize) {
            throw new IllegalArgumentException("drift window " + windowSize + " must be at least its minimum "
                    + minObservations + ", which must be at least 1");
        }
        this.windowSize = windowSize;
        this.minObservations = minObservations;
        this.maxAgeMs = maxAge.toMillis();
        this.clockMs = clockMs;
    }

    /** Registers meters in {@code target} from now on (versions watched before are registered again). */
    public synchronized void bindTo(MeterRegistry target) {
        registry = target;
        windows.values().forEach(w -> w.register(target));
    }

    /** Starts comparing {@code version}'s traffic with {@code reference}; null: nothing to compare with. */
    public synchronized void watch(int version, ReferenceProfile reference) {
        if (reference == null || reference.photos() == 0 || windows.containsKey(version)) {
            return;
        }
        Window window = new Window(version, reference);
        windows.put(version, window);
        if (registry != null) {
            window.register(registry);
        }
        while (windows.size() > VERSIONS_KEPT) {
            Integer oldest = windows.keySet().iterator().next();
            windows.remove(oldest).unregister();
        }
    }

    /** One prediction by {@code version}, given its {@link ProfileCounts#bins}; ignored for unwatched versions. */
    public void observe(int version, int[] bins) {
        Window window;
        synchronized (this) {
            window = windows.get(version);
        }
        if (window != null) {
            window.add(bins);
        }
    }

    /** The current distance of {@code part} for {@code version}; NaN when unwatched or the window is too thin. */
    public double score(int version, ProfilePart part) {
        Window window;
        synchronized (this) {
            window = windows.get(version);
        }
        return window == null ? Double.NaN : window.score(part);
    }

    /** One version's reference, live window and meters. */
    private final class Window {
        private final int version;
        private final ReferenceProfile reference;
        private final ArrayDeque<Entry> entries = new ArrayDeque<>();
        private final ProfileCounts live = new ProfileCounts();
        private final List<Meter> meters = new ArrayList<>();
        private MeterRegistry registeredIn;

        private record Entry(long atMs, int[] bins) {}

        Window(int version, ReferenceProfile reference) {
            this.version = version;
            this.reference = reference;
        }

        synchronized void add(int[] bins) {
            long now = clockMs.getAsLong();
            entries.addLast(new Entry(now, bins));
            live.add(bins);
            while (entries.size() > windowSize) {
                live.remove(entries.removeFirst().bins());
            }
            expire(now);
        }

        private void expire(long now) {
            while (!entries.isEmpty() && now - entries.peekFirst().atMs() > maxAgeMs) {
                live.remove(entries.removeFirst().bins());
            }
        }

        synchronized double score(ProfilePart part) {
            expire(clockMs.getAsLong());
            if (live.observations() < minObservations) {
                return Double.NaN;
            }
            return JensenShannon.distance(reference.counts(part), live.counts(part));
        }

        synchronized double liveShare(ProfilePart part, int bin) {
            expire(clockMs.getAsLong());
            return live.observations() < minObservations
                    ? Double.NaN
                    : (double) live.counts(part)[bin] / live.observations();
        }

        double referenceShare(ProfilePart part, int bin) {
            long[] counts = reference.counts(part);
            return counts == null ? Double.NaN : (double) counts[bin] / Math.max(1, reference.photos());
        }

        void register(MeterRegistry target) {
            unregister();
            registeredIn = target;
            String v = Integer.toString(version);
            for (ProfilePart part : ProfilePart.values()) {
                if (reference.counts(part) == null) {
                    continue;
                }
                meters.add(Gauge.builder("flowers.classifier.drift", () -> score(part))
                        .description("Jensen-Shannon distance (0-1) between live traffic and the version's validation "
                                + "photos, per profile part; NaN until the live window holds enough predictions")
                        .tag("model_version", v)
                        .tag("part", part.tag())
                        .register(target));
                for (int b = 0; b < part.bins(); b++) {
                    int bin = b;
                    String name = part.binNames().get(b);
                    meters.add(share(target, v, part, name, "live", () -> liveShare(part, bin)));
                    meters.add(share(target, v, part, name, "reference", () -> referenceShare(part, bin)));
                }
            }
        }

        private Meter share(
                MeterRegistry target, String v, ProfilePart part, String bin, String side, Supplier<Number> value) {
            return Gauge.builder("flowers.classifier.profile.share", value)
                    .description("Share of predictions in one bin of a profile part, live window or reference")
                    .tag("model_version", v)
                    .tag("part", part.tag())
                    .tag("bin", bin)
                    .tag("side", side)
                    .register(target);
        }

        void unregister() {
            if (registeredIn != null) {
                meters.forEach(registeredIn::remove);
            }
            meters.clear();
        }
    }
}
