package io.flowerstream.classifier.batch;

import io.flowerstream.classifier.image.UnclassifiableImageException;
import io.flowerstream.model.predict.ImageTensor;
import io.flowerstream.model.profile.InputStatistics;

/**
 * The outcome of decoding one buffered record: its network input in a tensor slot and the input's
 * statistics (for the drift profile), or the reason it cannot be classified.
 */
record DecodedInput(ImageTensor tensor, InputStatistics statistics, UnclassifiableImageException rejection) {

    static DecodedInput decoded(ImageTensor tensor, InputStatistics statistics) {
        return new DecodedInput(tensor, statistics, null);
    }

    static DecodedInput rejected(ImageTensor tensor, UnclassifiableImageException rejection) {
        return new DecodedInput(tensor, null, rejection);
    }

    boolean isDecoded() {
        return rejection == null;
    }
}
