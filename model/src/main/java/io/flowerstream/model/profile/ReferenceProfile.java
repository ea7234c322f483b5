package io.flowerstream.model.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model version's validation photos looked like, as binned counts per {@link ProfilePart}:
 * stored in its {@code metadata.json} so that the classifier can tell when live traffic stops looking
 * like them. Absent (null) in versions published before profiles existed: those get no drift score.
 *
 * @param format bins layout; the classifier compares only a profile whose format it knows
 * @param photos how many photos the counts come from
 * @param parts  counts per bin, by {@link ProfilePart#tag()}
 */
public record ReferenceProfile(int format, long photos, Map<String, long[]> parts) {

    /** The bins layout of {@link ProfilePart} this build writes and reads. */
    public static final int FORMAT = 1;

    public ReferenceProfile {
        Map<String, long[]> copy = new LinkedHashMap<>();
        if (parts != null) {
            parts.forEach((part, counts) -> copy.put(part, counts.clone()));
        }
        parts = Collections.unmodifiableMap(copy);
    }

    /** The counts of {@code part}, or null when this profile does not have it in a layout this build knows. */
    public long[] counts(ProfilePart part) {
        long[] counts = format == FORMAT ? parts.get(part.tag()) : null;
        return counts == null || counts.length != part.bins() ? null : counts.clone();
    }
}
