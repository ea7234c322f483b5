package io.flowerstream.model.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A decoded, upright, 8-bit RGB image and the format it came in.
 *
 * @param image  {@link BufferedImage#TYPE_INT_RGB} or {@link BufferedImage#TYPE_3BYTE_BGR}, never with alpha;
 *               EXIF orientation already applied
 * @param format the format the bytes were in
 */
public record DecodedImage(BufferedImage image, ImageFormat format) {

    public DecodedImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(format, "format");
        if (image.getType() != BufferedImage.TYPE_INT_RGB && image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("a decoded image must be TYPE_INT_RGB or TYPE_3BYTE_BGR, was type " + image.getType());
        }
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
