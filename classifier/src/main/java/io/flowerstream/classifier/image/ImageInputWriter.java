package io.flowerstream.classifier.image;

import io.flowerstream.model.profile.InputStatistics;
import java.nio.FloatBuffer;

/**
 * Writes an image's network input into a batch slot: decodes the file bytes, then resizes and
 * scales to 3x150x150 CHW floats in [0,1]. Thread-safe: the classifier calls it from several decode threads.
 */
public interface ImageInputWriter {

    /**
     * Writes the input of the image in {@code bytes} into {@code dst} (position 0, one image).
     *
     * @param sourceName where the bytes came from, for messages
     * @return the image's size, brightness, colourfulness and encoding, for the drift profile
     * @throws UnclassifiableImageException when the bytes are not an image the classifier accepts
     */
    InputStatistics write(byte[] bytes, String sourceName, FloatBuffer dst) throws UnclassifiableImageException;
}
