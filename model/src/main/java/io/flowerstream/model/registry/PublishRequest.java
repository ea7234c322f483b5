package io.flowerstream.model.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything a trainer hands over to publish one model version: the draft metadata, the parameters
 * (bytes in memory or a file) and optional artifacts such as {@code training-curves.png}.
 *
 * <p>The registry fills in the version, model name, creation time and the parameters' SHA-256, and
 * writes {@code synset.txt} from the metadata's classes.
 */
public record PublishRequest(ModelMetadata metadata, byte[] params, Path paramsFile, Map<String, byte[]> artifacts) {

    /** Names the registry writes itself; an artifact may not replace them. */
    static final Set<String> RESERVED_NAMES =
            Set.of(RegistryLayout.PARAMS, RegistryLayout.SYNSET, RegistryLayout.METADATA, RegistryLayout.CLAIMS);

    public PublishRequest {
        if (metadata == null) {
            throw new IllegalArgumentException("a publish request needs metadata");
        }
        if (metadata.classes().isEmpty()) {
            throw new IllegalArgumentException(
                    "metadata has no classes: synset.txt would be empty;" + " set the class names in output order");
        }
        if ((params == null) == (paramsFile == null)) {
            throw new IllegalArgumentException("give the model parameters either as bytes or as a file, not "
                    + (params == null ? "neither" : "both"));
        }
        if (paramsFile != null && !Files.isRegularFile(paramsFile)) {
            throw new IllegalArgumentException("model parameters file " + paramsFile + " does not exist");
        }
        artifacts = artifacts == null ? Map.of() : Map.copyOf(artifacts);
        for (String name : artifacts.keySet()) {
            RegistryLayout.requireFileName(name);
            if (RESERVED_NAMES.contains(name)) {
                throw new IllegalArgumentException("artifact name '" + name + "' is reserved by the registry");
            }
        }
    }

    /** Parameters held in memory. */
    public static PublishRequest of(ModelMetadata metadata, byte[] params) {
        return new PublishRequest(metadata, params, null, Map.of());
    }

    /** Parameters in a file (e.g. the {@code .params} DJL saved), streamed on upload. */
    public static PublishRequest of(ModelMetadata metadata, Path paramsFile) {
        return new PublishRequest(metadata, null, paramsFile, Map.of());
    }

    /** This request with one more artifact, e.g. {@code withArtifact("confusion-matrix.png", png)}. */
    public PublishRequest withArtifact(String name, byte[] content) {
        Map<String, byte[]> more = new LinkedHashMap<>(artifacts);
        more.put(name, content);
        return new PublishRequest(metadata, params, paramsFile, more);
    }
}
