package io.flowerstream.contracts;

import java.util.List;
import java.util.Locale;

/**
 * The five flower classes, in the order of the seed's label encoder: the order of the
 * network's outputs, of {@code synset.txt} and of every score array.
 */
public final class FlowerClasses {

    /** Class names in output order. */
    public static final List<String> NAMES = List.of("daisy", "dandelion", "rose", "sunflower", "tulip");

    private FlowerClasses() {}

    /** Number of classes, the width of the network's last layer. */
    public static int count() {
        return NAMES.size();
    }

    /** Whether {@code label} is exactly one of the five names (lower case, no padding). */
    public static boolean isValid(String label) {
        return label != null && NAMES.contains(label);
    }

    /** The output index of a valid label. */
    public static int indexOf(String label) {
        int index = label == null ? -1 : NAMES.indexOf(label);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "unknown flower label '" + label + "': use one of " + String.join(", ", NAMES));
        }
        return index;
    }

    /** Lower-cases and trims a user-typed label; the caller still checks it with {@link #isValid}. */
    public static String normalise(String label) {
        return label == null ? null : label.trim().toLowerCase(Locale.ROOT);
    }
}
