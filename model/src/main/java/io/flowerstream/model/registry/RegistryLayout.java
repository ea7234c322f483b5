package io.flowerstream.model.registry;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object keys of one model in the bucket: {@code models/<name>/<version>/<file>} and
 * {@code models/<name>/aliases/<alias>}.
 */
final class RegistryLayout {

    static final String PARAMS = "model.params";
    static final String SYNSET = "synset.txt";
    static final String METADATA = "metadata.json";
    /** Folder of a version's claims: one object per publisher that tried to take the number. */
    static final String CLAIMS = "claims";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String modelName;
    private final String root;
    private final Pattern versionKey;

    RegistryLayout(String modelName) {
        if (modelName == null || !NAME.matcher(modelName).matches()) {
            throw new IllegalArgumentException("model name '" + modelName
                    + "' is not usable in object keys: use lower-case letters, digits, '.', '_' and '-'");
        }
        this.modelName = modelName;
        this.root = "models/" + modelName + "/";
        this.versionKey = Pattern.compile(Pattern.quote(root) + "([0-9]+)/(.*)");
    }

    String modelName() {
        return modelName;
    }

    /** {@code models/<name>/}: every version and alias of the model. */
    String root() {
        return root;
    }

    String versionPrefix(int version) {
        return root + version + "/";
    }

    String file(int version, String fileName) {
        return versionPrefix(version) + fileName;
    }

    String claimsPrefix(int version) {
        return versionPrefix(version) + CLAIMS + "/";
    }

    String alias(String alias) {
        requireAliasName(alias);
        return root + "aliases/" + alias;
    }

    /** {@code models/<name>/alias-history/<alias>}: every version the alias pointed to, oldest first. */
    String aliasHistory(String alias) {
        requireAliasName(alias);
        return root + "alias-history/" + alias;
    }

    /** The version number of a key under a version folder, if it is one. */
    OptionalInt versionOf(String key) {
        Matcher m = versionKey.matcher(key);
        if (!m.matches() || m.group(1).length() > 9) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(m.group(1)));
    }

    /** Whether the key is a version's commit marker, {@code models/<name>/<n>/metadata.json}. */
    boolean isMetadata(String key) {
        return versionOf(key).isPresent()
                && key.endsWith("/" + METADATA)
                && key.equals(file(versionOf(key).getAsInt(), METADATA));
    }

    static void requireAliasName(String alias) {
        if (alias == null || !NAME.matcher(alias).matches()) {
            throw new IllegalArgumentException("alias '" + alias
                    + "' is not usable: use lower-case letters, digits, '.', '_' and '-' (e.g. champion)");
        }
    }

    static void requireFileName(String name) {
        if (name == null || !FILE.matcher(name).matches()) {
            throw new IllegalArgumentException("artifact name '" + name
                    + "' is not a plain file name: use letters, digits, '.', '_' and '-', no '/'");
        }
    }
}
