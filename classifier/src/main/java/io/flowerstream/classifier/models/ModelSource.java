package io.flowerstream.classifier.models;

import java.util.Optional;

/**
 * Where model versions come from: the registry on S3 in production, a directory of the same
 * layout in tests and offline runs. Implementations verify what they return.
 */
public interface ModelSource {

    /** The version {@code alias} points to now, or empty when the alias is not set. */
    Optional<Integer> resolveAlias(String alias) throws ModelLoadException;

    /** The {@code model.params} bytes of {@code version}, checksum-verified. */
    byte[] fetchParams(int version) throws ModelLoadException;

    /**
     * The weights of {@code version} with its calibration and reference profile. Sources that keep no
     * metadata serve the weights uncalibrated, with no profile.
     */
    default VersionFiles fetch(int version) throws ModelLoadException {
        return VersionFiles.of(fetchParams(version), null);
    }

    /** Where versions are read from, for log lines. */
    String describe();
}
