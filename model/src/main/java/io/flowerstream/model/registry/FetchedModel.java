package io.flowerstream.model.registry;

import io.flowerstream.contracts.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model version downloaded and checked against its metadata: the parameters' bytes (opaque to the
 * registry; the network code loads them), the class names and the metadata.
 */
public record FetchedModel(ModelMetadata metadata, byte[] params, List<String> synset) {

    public FetchedModel {
        synset = List.copyOf(synset);
    }

    public int version() {
        return metadata.version();
    }

    /**
     * Writes {@code model.params}, {@code synset.txt} and {@code metadata.json} into {@code dir} (created
     * if needed), the layout a DJL model directory loader expects.
     */
    public Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(RegistryLayout.PARAMS), params);
            Files.writeString(
                    dir.resolve(RegistryLayout.SYNSET), String.join("\n", synset) + "\n", StandardCharsets.UTF_8);
            Files.write(dir.resolve(RegistryLayout.METADATA), EventJson.writePretty(metadata));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model version " + version() + " into " + dir, e);
        }
    }
}
