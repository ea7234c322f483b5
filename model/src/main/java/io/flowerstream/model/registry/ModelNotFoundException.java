package io.flowerstream.model.registry;

/** A model version was asked for that has not been committed (no {@code metadata.json}). */
public class ModelNotFoundException extends ModelRegistryException {

    private final String modelName;
    private final int version;

    public ModelNotFoundException(String modelName, int version, String message) {
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
