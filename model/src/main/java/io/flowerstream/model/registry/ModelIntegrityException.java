package io.flowerstream.model.registry;

/**
 * A committed version's files do not match its {@code metadata.json}: the parameters' SHA-256 differs,
 * or a file the metadata promises is missing. Loading such a model would serve wrong predictions.
 */
public class ModelIntegrityException extends ModelRegistryException {

    private final String modelName;
    private final int version;

    public ModelIntegrityException(String modelName, int version, String message) {
        super(message);
        this.modelName = modelName;
        this.version = version;
    }

    public String modelName() {
        return modelName;
    }

    public int version() {
        return version;
    }
}
