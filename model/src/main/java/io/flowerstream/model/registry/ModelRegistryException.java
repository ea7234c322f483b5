package io.flowerstream.model.registry;

/** A registry operation failed: the object store could not be reached or answered with an error. */
public class ModelRegistryException extends RuntimeException {

    public ModelRegistryException(String message) {
        super(message);
    }

    public ModelRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
