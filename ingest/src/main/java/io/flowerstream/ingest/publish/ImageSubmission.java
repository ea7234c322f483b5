package io.flowerstream.ingest.publish;

import io.flowerstream.contracts.ids.ImageId;
import java.util.Objects;

/**
 * One checked image ready to publish: its bytes, the id derived from them, an optional
 * validated label and the content type the check found.
 */
public record ImageSubmission(String imageId, byte[] bytes, String label, String contentType) {

    public ImageSubmission {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** A submission whose id is computed from the bytes. */
    public static ImageSubmission of(byte[] bytes, String label, String contentType) {
        return new ImageSubmission(ImageId.of(bytes), bytes, label, contentType);
    }
}
