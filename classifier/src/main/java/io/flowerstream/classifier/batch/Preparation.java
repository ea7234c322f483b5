package io.flowerstream.classifier.batch;

import io.flowerstream.classifier.image.ImageRefusedException;
import io.flowerstream.model.predict.ImageTensor;
import io.flowerstream.model.profile.InputStatistics;

/**
 * The outcome of preparing one buffered record: its network input in a tensor slot and the input's
 * statistics (for the drift profile), or the reason it cannot be classified.
 */
record Preparation(ImageTensor tensor, InputStatistics statistics, ImageRefusedException refusal) {

    static Preparation ready(ImageTensor tensor, InputStatistics statistics) {
        return new Preparation(tensor, statistics, null);
    }

    static Preparation refused(ImageTensor tensor, ImageRefusedException refusal) {
        return new Preparation(tensor, null, refusal);
    }

    boolean isReady() {
        return refusal == null;
    }
}
