package io.flowerstream.model.profile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binned counts of observations, one histogram per {@link ProfilePart}: the trainer fills one from a
 * version's validation photos, the classifier keeps one over a sliding window of live traffic (adding
 * each new prediction and removing the one that leaves the window). Not thread-safe.
 */
public final class ProfileCounts {

    private final long[][] counts = new long[ProfilePart.values().length][];
    private long observations;

    public ProfileCounts() {
        for (ProfilePart part : ProfilePart.values()) {
            counts[part.ordinal()] = new long[part.bins()];
        }
    }

    /** The bins one observation falls in, by part ordinal: computed once, so a window can remove it later. */
    public static int[] bins(InputStatistics input, int predictedClass, double confidence) {
        int[] bins = new int[ProfilePart.values().length];
        for (ProfilePart part : ProfilePart.values()) {
            bins[part.ordinal()] = part.binOf(input, predictedClass, confidence);
        }
        return bins;
    }

    /** Counts one observation. */
    public void add(InputStatistics input, int predictedClass, double confidence) {
        add(bins(input, predictedClass, confidence));
    }

    /** Counts one observation given its {@link #bins}. */
    public void add(int[] bins) {
        change(bins, 1);
    }

    /** Takes back one observation counted with {@link #add(int[])}. */
    public void remove(int[] bins) {
        change(bins, -1);
    }

    private void change(int[] bins, int delta) {
        for (int p = 0; p < counts.length; p++) {
            counts[p][bins[p]] += delta;
        }
        observations += delta;
    }

    /** Observations counted. */
    public long observations() {
        return observations;
    }

    /** A copy of the counts of {@code part}. */
    public long[] counts(ProfilePart part) {
        return counts[part.ordinal()].clone();
    }

    /** These counts as a profile to store with a version. */
    public ReferenceProfile toReference() {
        Map<String, long[]> parts = new LinkedHashMap<>();
        for (ProfilePart part : ProfilePart.values()) {
            parts.put(part.tag(), counts(part));
        }
        return new ReferenceProfile(ReferenceProfile.FORMAT, observations, parts);
    }
}
