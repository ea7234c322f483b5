package io.flowerstream.contracts.storage;

import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.ids.Sha256;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a labelled image lives in the bucket, {@code images/<label>/<sha256>.<ext>} (docs/design.md):
 * the layout the archiver writes and the trainer reads, written once. A key is built only from a
 * validated label, a hash and an extension from a fixed set, so no text from a record can steer
 * where an object lands; reading accepts exactly the keys that building can make.
 *
 * @param label     one of the five flower classes
 * @param sha256    the lower-case hex SHA-256 of the bytes: the image id
 * @param extension {@code jpg} or {@code png}
 */
public record ArchiveKey(String label, String sha256, String extension) {

    /** The prefix every archived image is under. */
    public static final String PREFIX = "images/";
    /** The extensions the archive writes, from the image's magic bytes. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "png");

    private static final Pattern KEY = Pattern.compile("images/([a-z]+)/([0-9a-f]{64})\\.([a-z]+)");

    /** Throws when any part is not what the layout allows. */
    public ArchiveKey {
        if (!FlowerClasses.isValid(label)) {
            throw new IllegalArgumentException("not a flower class: '" + label + "'");
        }
        if (!Sha256.isHex(sha256)) {
            throw new IllegalArgumentException("not a lower-case SHA-256 hex digest: '" + sha256 + "'");
        }
        if (!EXTENSIONS.contains(extension)) {
            throw new IllegalArgumentException("not an image extension of the archive: '" + extension + "'");
        }
    }

    /** The object key of an image; throws when any part is not what the layout allows. */
    public static String of(String label, String sha256, String extension) {
        return new ArchiveKey(label, sha256, extension).key();
    }

    /** The parts of {@code key}, or empty when it is not a key the archive writes. */
    public static Optional<ArchiveKey> parse(String key) {
        Matcher m = key == null ? null : KEY.matcher(key);
        if (m == null || !m.matches() || !FlowerClasses.isValid(m.group(1)) || !EXTENSIONS.contains(m.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new ArchiveKey(m.group(1), m.group(2), m.group(3)));
    }

    /** The object key, {@code images/<label>/<sha256>.<ext>}. */
    public String key() {
        return PREFIX + label + "/" + sha256 + "." + extension;
    }
}
