package io.flowerstream.classifier.batch;

import io.flowerstream.classifier.image.ImageInputWriter;
import io.flowerstream.classifier.metrics.ClassifierMetrics;
import io.flowerstream.classifier.models.ModelHolder;
import java.util.concurrent.Executor;

/**
 * What the batching processors share across tasks: the served model, the image input writer and the
 * decode threads, the meters, and the batch size resolved for the device.
 *
 * @param models       the model version being served
 * @param inputWriter  decodes and preprocesses each image into its batch slot
 * @param decoders     runs the decoding off the stream thread; null to decode on it
 * @param metrics      the classifier's meters
 * @param maxBatchSize the batch size in effect (the configured one, or the device's default)
 */
public record BatchingResources(
        ModelHolder models,
        ImageInputWriter inputWriter,
        Executor decoders,
        ClassifierMetrics metrics,
        int maxBatchSize) {

    public BatchingResources {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("max batch size must be at least 1, got " + maxBatchSize);
        }
    }
}
