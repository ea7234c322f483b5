package io.flowerstream.classifier.config;

import java.util.Locale;

/**
 * Which model version to serve: a pinned version number ({@code MODEL_VERSION=7}) or an alias
 * to follow ({@code MODEL_VERSION=champion}), swapping in whatever it points to over time.
 *
 * @param pinned the version to serve for ever, or null when following {@code alias}
 * @param alias  the alias to follow, or null when pinned
 */
public record ModelSpec(Integer pinned, String alias) {

    /** The default: follow the champion alias. */
    public static final String DEFAULT = "champion";

    public ModelSpec {
        if ((pinned == null) == (alias == null)) {
            throw new IllegalArgumentException(
                    "a model spec is either a pinned version or an alias, not both or neither");
        }
        if (pinned != null && pinned < 1) {
            throw new IllegalArgumentException("model version " + pinned + " is not a version: versions start at 1");
        }
    }

    /** Parses {@code MODEL_VERSION}: digits pin a version, anything else names an alias. */
    public static ModelSpec parse(String text) {
        String spec = text == null || text.isBlank() ? DEFAULT : text.trim();
        if (spec.chars().allMatch(Character::isDigit)) {
            try {
                return new ModelSpec(Integer.parseInt(spec), null);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("model version '" + text + "' is too large for a version number", e);
            }
        }
        if (!spec.matches("[A-Za-z][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("model version '" + text
                    + "' is neither a version number nor an alias name (letters, digits, _ . -): use e.g. 7 or "
                    + "champion");
        }
        return new ModelSpec(null, spec.toLowerCase(Locale.ROOT));
    }

    /** Whether this spec follows an alias (and so hot-swaps). */
    public boolean follows() {
        return alias != null;
    }

    @Override
    public String toString() {
        return follows() ? "alias " + alias : "version " + pinned;
    }
}
