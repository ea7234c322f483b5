package io.flowerstream.trainer.adapt;

import io.flowerstream.trainer.data.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The photos a published version was trained and validated on, read back from its {@code manifest.csv}:
 * every photo not in it is new to that version. This is how the trainer knows which photos came from
 * a source the serving model has not learnt, without any tag on the archived objects.
 */
public final class SeenPhotos {

    private final Set<String> ids;
    private final String origin;

    private SeenPhotos(Set<String> ids, String origin) {
        this.ids = Set.copyOf(ids);
        this.origin = origin;
    }

    /** No version to compare with (first run, training from folders): every photo counts as seen, none as new. */
    public static SeenPhotos none() {
        return new SeenPhotos(Set.of(), null);
    }

    /**
     * The ids in {@code csv}, a manifest as {@link Manifest#csv()} writes it ({@code key,label,sha256,split});
     * {@code origin} names it in logs (e.g. {@code champion version 3}).
     */
    public static SeenPhotos ofManifestCsv(byte[] csv, String origin) {
        Set<String> ids = new HashSet<>();
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",");
            if (fields.length >= 3 && !fields[2].isBlank()) {
                ids.add(fields[2].trim());
            }
        }
        return new SeenPhotos(ids, origin);
    }

    /** Whether there is a version to compare with at all. */
    public boolean known() {
        return origin != null;
    }

    /** Whether the photo with this SHA-256 is new to the version: never trained or validated on. */
    public boolean isNew(String sha256) {
        return known() && !ids.contains(sha256);
    }

    /** Which version's manifest this is, for logs; "no earlier version" when none. */
    public String origin() {
        return origin == null ? "no earlier version" : origin;
    }

    /** Number of photos the version saw. */
    public int size() {
        return ids.size();
    }
}
