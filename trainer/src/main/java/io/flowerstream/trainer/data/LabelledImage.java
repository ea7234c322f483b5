package io.flowerstream.trainer.data;

import io.flowerstream.contracts.FlowerClasses;
import java.util.Objects;

/**
 * One labelled training photo as the manifest lists it: where it is, its class, and its id.
 *
 * @param key    where the bytes are: an object key ({@code images/rose/<sha256>.jpg}) or a file path
 * @param label  one of {@link FlowerClasses#NAMES}
 * @param sha256 hex SHA-256 of the bytes: the image's id, which decides its side of the split
 */
public record LabelledImage(String key, String label, String sha256) {

    public LabelledImage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
        if (!FlowerClasses.isValid(label)) {
            throw new IllegalArgumentException(key + ": label '" + label + "' is not one of "
                    + String.join(", ", FlowerClasses.NAMES) + "; move the image under a class folder");
        }
    }

    /** The class index: the network output this image should score highest. */
    public int classIndex() {
        return FlowerClasses.indexOf(label);
    }

    /** Which side of the 75/25 split this image is on; stable for as long as its bytes are. */
    public Split split() {
        return Split.of(sha256);
    }
}
