package io.flowerstream.model.registry;

import io.flowerstream.contracts.events.EventJson;
import io.flowerstream.contracts.ids.Sha256;
import io.flowerstream.platform.s3.S3Settings;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The numbered versions of one model in an S3 bucket: publishes them, lists the committed ones, moves
 * aliases such as {@code champion}, and fetches a version with its parameters checked against the
 * SHA-256 in its metadata.
 *
 * <p>Layout: {@code models/<name>/<version>/} holds {@code model.params}, {@code synset.txt}, optional
 * artifacts, and {@code metadata.json}, which is written last: a version exists for readers only once
 * its metadata does. {@code models/<name>/aliases/<alias>} holds the version number an alias points to,
 * and {@code models/<name>/alias-history/<alias>} every version it pointed to, for rollbacks.
 *
 * <p>Thread-safe; several registries (in several processes) may publish to the same model at once.
 */
public final class ModelRegistry {

    public static final String DEFAULT_MODEL_NAME = "flowers-cnn";
    /** The alias the classifiers serve by default. */
    public static final String CHAMPION = "champion";

    private final BucketObjects objects;
    private final RegistryLayout layout;
    private final VersionAllocator allocator;

    /** The registry of {@value #DEFAULT_MODEL_NAME} in {@code bucket}. */
    public ModelRegistry(MinioClient client, String bucket) {
        this(client, bucket, DEFAULT_MODEL_NAME);
    }

    public ModelRegistry(MinioClient client, String bucket, String modelName) {
        this.objects = new BucketObjects(client, bucket);
        this.layout = new RegistryLayout(modelName);
        this.allocator = new VersionAllocator(objects, layout);
    }

    /** The registry of {@value #DEFAULT_MODEL_NAME} in the settings' bucket. */
    public static ModelRegistry of(S3Settings settings) {
        return new ModelRegistry(settings.newClient(), settings.bucket());
    }

    public String modelName() {
        return layout.modelName();
    }

    public String bucket() {
        return objects.bucket();
    }

    /** Creates the bucket if it does not exist yet. */
    public void ensureBucket() {
        objects.ensureBucket();
    }

    /**
     * Takes the next version number for this publisher alone (see {@link VersionAllocator} for why no
     * other publisher can get it). The version stays invisible until it is published.
     */
    public int reserveNextVersion() {
        return allocator.reserve();
    }

    /** Reserves a version number and publishes into it; returns the metadata as stored. */
    public ModelMetadata publish(PublishRequest request) {
        return publish(reserveNextVersion(), request);
    }

    /**
     * Publishes into a version reserved with {@link #reserveNextVersion()}: parameters, {@code synset.txt}
     * and artifacts first, {@code metadata.json} last, so that a crash part-way leaves nothing visible.
     */
    public ModelMetadata publish(int reservedVersion, PublishRequest request) {
        if (objects.keysUnder(layout.claimsPrefix(reservedVersion)).isEmpty()) {
            throw new IllegalStateException("version " + reservedVersion + " of model '" + modelName()
                    + "' was never reserved: call reserveNextVersion() and publish into the number it returns");
        }
        if (objects.exists(layout.file(reservedVersion, RegistryLayout.METADATA))) {
            throw new IllegalStateException("version " + reservedVersion + " of model '" + modelName()
                    + "' is already published; versions are immutable: reserve a new one");
        }
        String sha256;
        if (request.params() != null) {
            sha256 = Sha256.hex(request.params());
            objects.put(
                    layout.file(reservedVersion, RegistryLayout.PARAMS), request.params(), "application/octet-stream");
        } else {
            sha256 = sha256(request.paramsFile());
            objects.put(
                    layout.file(reservedVersion, RegistryLayout.PARAMS),
                    request.paramsFile(),
                    "application/octet-stream");
        }
        String synset = String.join("\n", request.metadata().classes()) + "\n";
        objects.put(
                layout.file(reservedVersion, RegistryLayout.SYNSET),
                synset.getBytes(StandardCharsets.UTF_8),
                "text/plain");
        for (Map.Entry<String, byte[]> artifact : request.artifacts().entrySet()) {
            objects.put(
                    layout.file(reservedVersion, artifact.getKey()),
                    artifact.getValue(),
                    contentType(artifact.getKey()));
        }
        ModelMetadata published = request.metadata().published(reservedVersion, modelName(), Instant.now(), sha256);
        // Last: this write commits the version.
        objects.put(layout.file(reservedVersion, RegistryLayout.METADATA), toJson(published), "application/json");
        return published;
    }

    /** The committed versions (those with {@code metadata.json}), ascending. */
    public List<Integer> listVersions() {
        TreeSet<Integer> versions = new TreeSet<>();
        for (String key : objects.keysUnder(layout.root())) {
            if (layout.isMetadata(key)) {
                versions.add(layout.versionOf(key).getAsInt());
            }
        }
        return List.copyOf(versions);
    }

    /** The highest committed version, if any. */
    public Optional<Integer> latestVersion() {
        List<Integer> versions = listVersions();
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** A committed version's metadata; empty if the version is not committed. */
    public Optional<ModelMetadata> metadata(int version) {
        return objects.get(layout.file(version, RegistryLayout.METADATA)).map(json -> fromJson(version, json));
    }

    /**
     * Points an alias at a committed version (creating or moving it).
     *
     * @throws ModelNotFoundException if the version is not committed
     */
    public void setAlias(String alias, int version) {
        String key = layout.alias(alias);
        if (!objects.exists(layout.file(version, RegistryLayout.METADATA))) {
            throw notFound(version, "cannot point alias '" + alias + "' at it");
        }
        List<AliasMove> history = new ArrayList<>(aliasHistory(alias));
        if (history.isEmpty()) {
            // An alias set before histories were kept: its current version is where a rollback returns to.
            resolveAlias(alias).ifPresent(current -> history.add(new AliasMove(current, null)));
        }
        if (history.isEmpty() || history.get(history.size() - 1).version() != version) {
            history.add(new AliasMove(version, Instant.now()));
            writeHistory(alias, history);
        }
        objects.put(key, Integer.toString(version).getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    /**
     * Every version an alias was pointed at, oldest first, kept at
     * {@code models/<name>/alias-history/<alias>}; the last entry is the current one. Empty for an
     * alias never set (or set only before histories were kept).
     */
    public List<AliasMove> aliasHistory(String alias) {
        String key = layout.aliasHistory(alias);
        return objects.get(key)
                .map(bytes -> {
                    try {
                        return new String(bytes, StandardCharsets.UTF_8)
                                .lines()
                                .filter(l -> !l.isBlank())
                                .map(AliasMove::parse)
                                .toList();
                    } catch (RuntimeException e) {
                        throw new ModelRegistryException(
                                "alias history s3://" + bucket() + "/" + key + " is not readable (" + e.getMessage()
                                        + "): each line must be '<version> <ISO-8601 time>'; fix or delete the object");
                    }
                })
                .orElse(List.of());
    }

    /**
     * Points an alias back at the version it pointed to before the current one, and drops the
     * current one from its history, so that a second rollback goes one further back.
     *
     * @return the version the alias points to now
     * @throws ModelRegistryException if the alias has no earlier version, or that version is gone
     */
    public int rollbackAlias(String alias) {
        Optional<Integer> current = resolveAlias(alias);
        if (current.isEmpty()) {
            throw new ModelRegistryException("model '" + modelName() + "' has no alias '" + alias + "' in bucket '"
                    + bucket() + "': there is nothing to roll back; promote a version first (model promote N)");
        }
        List<AliasMove> history = new ArrayList<>(aliasHistory(alias));
        if (history.isEmpty() || history.get(history.size() - 1).version() != current.get()) {
            // The alias was moved without this registry (by hand): the current version heads the history.
            history.add(new AliasMove(current.get(), null));
        }
        if (history.size() < 2) {
            throw new ModelRegistryException(
                    "alias '" + alias + "' of model '" + modelName() + "' has pointed only at version " + current.get()
                            + ": there is no earlier version to roll back to; promote one by number (model promote N)");
        }
        history.remove(history.size() - 1);
        int previous = history.get(history.size() - 1).version();
        if (!objects.exists(layout.file(previous, RegistryLayout.METADATA))) {
            throw notFound(previous, "cannot roll alias '" + alias + "' back to it");
        }
        writeHistory(alias, history);
        objects.put(layout.alias(alias), Integer.toString(previous).getBytes(StandardCharsets.UTF_8), "text/plain");
        return previous;
    }

    private void writeHistory(String alias, List<AliasMove> history) {
        StringBuilder text = new StringBuilder();
        history.forEach(move -> text.append(move.toLine()).append('\n'));
        objects.put(layout.aliasHistory(alias), text.toString().getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    /** The version an alias points to, if the alias exists. */
    public Optional<Integer> resolveAlias(String alias) {
        String key = layout.alias(alias);
        return objects.get(key).map(bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8).trim();
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new ModelRegistryException("alias object s3://" + bucket() + "/" + key + " holds '" + text
                        + "', not a version number: set the alias again with setAlias");
            }
        });
    }

    /**
     * Downloads a committed version and checks its parameters against the SHA-256 in its metadata.
     *
     * @throws ModelNotFoundException   if the version is not committed
     * @throws ModelIntegrityException  if the parameters are missing or their hash differs
     */
    public FetchedModel fetch(int version) {
        ModelMetadata metadata = metadata(version).orElseThrow(() -> notFound(version, "cannot fetch it"));
        byte[] params = objects.get(layout.file(version, RegistryLayout.PARAMS))
                .orElseThrow(() -> new ModelIntegrityException(
                        modelName(),
                        version,
                        "model '" + modelName() + "' version " + version
                                + " is committed but its " + RegistryLayout.PARAMS + " is missing from s3://" + bucket()
                                + "/" + layout.versionPrefix(version) + ": republish version " + version
                                + " or pin another"));
        String actual = Sha256.hex(params);
        if (!actual.equalsIgnoreCase(String.valueOf(metadata.paramsSha256()))) {
            throw new ModelIntegrityException(
                    modelName(),
                    version,
                    "model '" + modelName() + "' version " + version
                            + ": " + RegistryLayout.PARAMS + " does not match its metadata (SHA-256 expected "
                            + metadata.paramsSha256() + ", actual " + actual + "); it was changed or damaged after"
                            + " publishing: republish version " + version + " or pin another");
        }
        List<String> synset = objects.get(layout.file(version, RegistryLayout.SYNSET))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)
                        .lines()
                        .filter(l -> !l.isBlank())
                        .toList())
                .orElse(metadata.classes());
        return new FetchedModel(metadata, params, synset);
    }

    /** An optional artifact of a version (e.g. {@code confusion-matrix.png}); empty if absent. */
    public Optional<byte[]> artifact(int version, String name) {
        RegistryLayout.requireFileName(name);
        return objects.get(layout.file(version, name));
    }

    private ModelNotFoundException notFound(int version, String consequence) {
        return new ModelNotFoundException(
                modelName(),
                version,
                "model '" + modelName() + "' has no committed version "
                        + version + " in bucket '" + bucket() + "' (committed: " + listVersions() + "): " + consequence
                        + "; pick one of the committed versions");
    }

    private byte[] toJson(ModelMetadata metadata) {
        return EventJson.writePretty(metadata);
    }

    private ModelMetadata fromJson(int version, byte[] json) {
        try {
            return EventJson.mapper().readValue(json, ModelMetadata.class);
        } catch (IOException e) {
            throw new ModelIntegrityException(
                    modelName(),
                    version,
                    "metadata.json of model '" + modelName()
                            + "' version " + version + " is not readable (" + e.getMessage()
                            + "): republish version " + version + " or pin another");
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        return name.endsWith(".txt") ? "text/plain" : "application/octet-stream";
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Sha256.hex(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model parameters " + file, e);
        }
    }
}
