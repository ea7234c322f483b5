package io.flowerstream.classifier.models;

import io.flowerstream.classifier.models.ModelLoadException.Reason;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.model.registry.FetchedModel;
import io.flowerstream.model.registry.ModelIntegrityException;
import io.flowerstream.model.registry.ModelNotFoundException;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.model.registry.ModelRegistryException;
import java.util.Optional;

/** Model versions from the registry on S3; the registry verifies each fetch against its metadata's SHA-256. */
public final class RegistryModelSource implements ModelSource {

    private final ModelRegistry registry;

    public RegistryModelSource(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Integer> resolveAlias(String alias) throws ModelLoadException {
        try {
            return registry.resolveAlias(alias);
        } catch (RuntimeException e) {
            throw new ModelLoadException(
                    Reason.UNAVAILABLE,
                    0,
                    "could not read alias '" + alias + "' of '" + registry.modelName() + "' in s3://"
                            + registry.bucket() + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public byte[] fetchParams(int version) throws ModelLoadException {
        return fetch(version).params();
    }

    @Override
    public VersionFiles fetch(int version) throws ModelLoadException {
        try {
            FetchedModel fetched = registry.fetch(version);
            if (!fetched.synset().equals(FlowerClasses.NAMES)) {
                throw new ModelLoadException(
                        Reason.MALFORMED,
                        version,
                        "version " + version + " of '"
                                + registry.modelName() + "' predicts classes " + fetched.synset()
                                + ", this classifier serves "
                                + FlowerClasses.NAMES + " in that order: pin another version");
            }
            return VersionFiles.of(fetched.params(), fetched.metadata());
        } catch (ModelNotFoundException e) {
            throw new ModelLoadException(Reason.NOT_FOUND, version, e.getMessage(), e);
        } catch (ModelIntegrityException e) {
            throw new ModelLoadException(Reason.INTEGRITY, version, e.getMessage(), e);
        } catch (ModelRegistryException e) {
            throw new ModelLoadException(Reason.UNAVAILABLE, version, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelLoadException(
                    Reason.UNAVAILABLE,
                    version,
                    "could not fetch version " + version + " of '" + registry.modelName() + "' from s3://"
                            + registry.bucket() + ": " + e,
                    e);
        }
    }

    @Override
    public String describe() {
        return "registry s3://" + registry.bucket() + " model " + registry.modelName();
    }
}
