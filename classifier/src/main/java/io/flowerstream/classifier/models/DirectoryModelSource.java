package io.flowerstream.classifier.models;

import io.flowerstream.contracts.events.EventJson;
import io.flowerstream.contracts.ids.Sha256;
import io.flowerstream.model.registry.ModelMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Model versions in a local directory laid out like one model's folder in the registry:
 * {@code <dir>/<version>/model.params} with an optional {@code model.params.sha256} and an optional
 * {@code metadata.json} (calibration, reference profile) beside it, and {@code <dir>/aliases/<alias>}
 * holding a version number. For offline runs and tests.
 */
public final class DirectoryModelSource implements ModelSource {

    /** The metadata file's name, as in the registry. */
    static final String METADATA_FILE = "metadata.json";

    private final Path dir;

    public DirectoryModelSource(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code params} as {@code version} with its checksum (tests, tools). */
    public void publish(int version, byte[] params) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(Integer.toString(version)));
        Files.writeString(folder.resolve("model.params.sha256"), Sha256.hex(params));
        Files.write(folder.resolve("model.params"), params);
    }

    /** Writes {@code params} as {@code version} with its checksum and {@code metadata} (tests, tools). */
    public void publish(int version, byte[] params, ModelMetadata metadata) throws IOException {
        publish(version, params);
        Files.write(dir.resolve(Integer.toString(version)).resolve(METADATA_FILE), EventJson.writePretty(metadata));
    }

    @Override
    public VersionFiles fetch(int version) throws ModelLoadException {
        byte[] params = fetchParams(version);
        Path metadata = dir.resolve(Integer.toString(version)).resolve(METADATA_FILE);
        if (!Files.exists(metadata)) {
            return VersionFiles.of(params, null);
        }
        try {
            return VersionFiles.of(params, EventJson.read(Files.readAllBytes(metadata), ModelMetadata.class));
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.MALFORMED,
                    version,
                    "could not read " + metadata + ": " + e.getMessage()
                            + "; fix or remove it (without it the version serves uncalibrated)",
                    e);
        }
    }

    /** Points {@code alias} at {@code version}, atomically (tests, tools). */
    public void setAlias(String alias, int version) throws IOException {
        Path aliases = Files.createDirectories(dir.resolve("aliases"));
        Path tmp = Files.writeString(aliases.resolve(alias + ".tmp"), Integer.toString(version));
        Files.move(
                tmp,
                aliases.resolve(alias),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public Optional<Integer> resolveAlias(String alias) throws ModelLoadException {
        Path file = dir.resolve("aliases").resolve(alias);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return Optional.of(Integer.parseInt(text));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.UNAVAILABLE, 0, "could not read alias " + file + ": " + e, e);
        } catch (NumberFormatException e) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.MALFORMED,
                    0,
                    "alias file " + file + " does not hold a version number: write one, e.g. 7",
                    e);
        }
    }

    @Override
    public byte[] fetchParams(int version) throws ModelLoadException {
        Path folder = dir.resolve(Integer.toString(version));
        Path params = folder.resolve("model.params");
        try {
            byte[] bytes = Files.readAllBytes(params);
            Path sum = folder.resolve("model.params.sha256");
            if (Files.exists(sum)) {
                String expected = Files.readString(sum).trim();
                String actual = Sha256.hex(bytes);
                if (!expected.equalsIgnoreCase(actual)) {
                    throw new ModelLoadException(
                            ModelLoadException.Reason.INTEGRITY,
                            version,
                            params + " has SHA-256 " + actual + " but " + sum + " says " + expected
                                    + ": republish the version");
                }
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.NOT_FOUND,
                    version,
                    "no " + params + ": is version " + version + " published in " + dir + "?",
                    e);
        } catch (IOException e) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.UNAVAILABLE, version, "could not read " + params + ": " + e, e);
        }
    }

    @Override
    public String describe() {
        return "directory " + dir;
    }
}
