package io.flowerstream.trainer.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.trainer.augment.Augmentation;
import io.flowerstream.trainer.data.PhotoStore;

/**
 * Runs a network forward over stored photos, unaugmented, and scores the predictions: used for
 * validation after each epoch, for the champion in the promotion gate, and by {@code trainer evaluate}.
 */
public final class Scorer {

    private Scorer() {}

    /** Evaluates {@code model} on the photos {@code indexes} of {@code store}, in batches of {@code batchSize}. */
    public static Evaluation evaluate(Model model, PhotoStore store, int[] indexes, int batchSize) {
        try (BatchPipeline pipeline = new BatchPipeline(store, batchSize)) {
            return evaluate(model, pipeline, indexes);
        }
    }

    /** As {@link #evaluate(Model, PhotoStore, int[], int)}, reusing a pipeline's memory. */
    static Evaluation evaluate(Model model, BatchPipeline pipeline, int[] indexes) {
        int classes = FlowerClasses.count();
        int[][] confusion = new int[classes][classes];
        int[] predicted = new int[indexes.length];
        double[][] probabilities = new double[indexes.length][];
        int[] labels = new int[indexes.length];
        double lossSum = 0;
        int at = 0;
        BatchPipeline.Pass pass = pipeline.start(indexes, 0, Augmentation.none(), 0);
        try (NDManager manager = model.getNDManager().newSubManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            for (BatchSlot slot = pass.next(); slot != null; slot = pass.next()) {
                try (NDManager batch = manager.newSubManager()) {
                    int n = slot.size();
                    NDArray images = slot.images(batch);
                    NDArray logits = model.getBlock()
                            .forward(parameters, new NDList(images), false)
                            .singletonOrThrow();
                    float[] logSoftmax = logits.logSoftmax(1).toFloatArray();
                    for (int i = 0; i < n; i++) {
                        int truth = pipeline.store().label(slot.photoIndex(i));
                        int best = 0;
                        for (int c = 1; c < classes; c++) {
                            if (logSoftmax[i * classes + c] > logSoftmax[i * classes + best]) {
                                best = c;
                            }
                        }
                        confusion[truth][best]++;
                        lossSum -= logSoftmax[i * classes + truth];
                        double[] p = new double[classes];
                        for (int c = 0; c < classes; c++) {
                            p[c] = Math.exp(logSoftmax[i * classes + c]);
                        }
                        probabilities[at] = p;
                        labels[at] = truth;
                        predicted[at++] = best;
                    }
                } finally {
                    pass.release(slot);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        }
        return new Evaluation(confusion, lossSum, indexes.clone(), predicted, probabilities, labels);
    }
}
