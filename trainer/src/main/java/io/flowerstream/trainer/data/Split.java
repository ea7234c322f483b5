package io.flowerstream.trainer.data;

import io.flowerstream.contracts.ids.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * The side of the train/validation split an image is on, decided by a hash of its id alone.
 *
 * <p>Because nothing but the id enters the decision, an image stays on its side when the data
 * grows between retrainings: a photo once used for validation is never trained on later, so
 * validation accuracy stays honest and comparable between versions.
 */
public enum Split {
    TRAIN,
    VALIDATION;

    /** Percent of images that go to validation, as the seed's 25%. */
    public static final int VALIDATION_PERCENT = 25;

    /** The side of the image with id {@code id} (its SHA-256). */
    public static Split of(String id) {
        // Salted so that the split is independent of how ids spread over storage prefixes.
        byte[] digest = Sha256.newDigest().digest(("split-v1:" + id).getBytes(StandardCharsets.UTF_8));
        int bucket = (int) (Integer.toUnsignedLong((digest[0] & 0xFF) << 24
                        | (digest[1] & 0xFF) << 16
                        | (digest[2] & 0xFF) << 8
                        | (digest[3] & 0xFF))
                % 100);
        return bucket < VALIDATION_PERCENT ? VALIDATION : TRAIN;
    }
}
