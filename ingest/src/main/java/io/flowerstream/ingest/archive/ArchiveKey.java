package io.flowerstream.ingest.archive;

import io.flowerstream.model.FlowerClasses;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The object key of an archived image, {@code images/<label>/<sha256>.<ext>} (docs/design.md). Built
 * only from a validated label, a hash we computed and an extension from a fixed set, so no text
 * from a record can steer where an object lands.
 */
public final class ArchiveKey {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> EXTENSIONS = Set.of("jpg", "png");

    private ArchiveKey() {
    }

    /** The key; throws when any part is not what the layout allows. */
    public static String of(String label, String sha256, String extension) {
        if (!FlowerClasses.isValid(label)) {
            throw new IllegalArgumentException("not a flower class: '" + label + "'");
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case SHA-256 hex digest: '" + sha256 + "'");
        }
        if (!EXTENSIONS.contains(extension)) {
            throw new IllegalArgumentException("not an image extension of the archive: '" + extension + "'");
        }
        return "images/" + label + "/" + sha256 + "." + extension;
    }
}
