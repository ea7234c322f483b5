package io.flowerstream.standalone.gpucheck;

import java.util.List;

/**
 * The figures a GPU must reach (docs/gpu.md names them): on one
 * H200 (16 cores), the batched predictor at its best batch, the classifier end to end through
 * Kafka, and training at batch 128, each in images per second.
 *
 * @param predictorImagesPerSecond  best images/s of the predictor sweep
 * @param endToEndImagesPerSecond   images/s through the embedded broker and the classifier
 * @param trainingImagesPerSecond   training images/s (last epoch)
 */
public record Goals(double predictorImagesPerSecond, double endToEndImagesPerSecond, double trainingImagesPerSecond) {

    /** The H200 goals: 20,000 predicting, 5,000 end to end, 1,500 training at batch 128. */
    public static final Goals H200 = new Goals(20_000, 5_000, 1_500);

    /** One goal against its measurement. */
    public record Verdict(String name, double goal, double measured, boolean met) {}

    /** Each goal against what {@code result} measured. */
    public List<Verdict> judge(double predictorBest, double endToEnd, double training) {
        return List.of(
                verdict("batched predictor, best batch", predictorImagesPerSecond, predictorBest),
                verdict("classifier end to end through Kafka", endToEndImagesPerSecond, endToEnd),
                verdict("training", trainingImagesPerSecond, training));
    }

    private static Verdict verdict(String name, double goal, double measured) {
        return new Verdict(name, goal, measured, measured >= goal);
    }
}
