package io.flowerstream.classifier.batch;

import io.flowerstream.classifier.image.ImageRefusedException;
import io.flowerstream.model.predict.ImageTensor;

/**
 * The outcome of preparing one buffered record: its network input in a tensor slot, or the
 * reason it cannot be classified.
 */
record Preparation(ImageTensor tensor, ImageRefusedException refusal) {

    static Preparation ready(ImageTensor tensor) {
        return new Preparation(tensor, null);
    }

    static Preparation refused(ImageTensor tensor, ImageRefusedException refusal) {
        return new Preparation(tensor, refusal);
    }

    boolean isReady() {
        return refusal == null;
    }
}
