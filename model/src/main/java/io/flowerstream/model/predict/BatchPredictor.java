package io.flowerstream.model.predict;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.flowerstream.model.engine.Precision;
import java.util.List;

/**
 * Runs batches of prepared images through a loaded network as single forward passes, each with
 * one copy to the device and one copy back ({@link BatchTranslator}).
 *
 * <p>Not thread-safe in the sense DJL's predictors are not: callers run one batch at a time (the
 * classifier's {@code LoadedModel} serialises its forward passes). A predictor is created per
 * batch, which only allocates a sub-manager: the batch's arrays are freed as soon as it is done.
 */
public final class BatchPredictor {

    private final Model model;
    private final BatchTranslator translator;

    /** A predictor over {@code model}, whose weights are already in {@code precision} ({@link Precision#applyTo}). */
    public BatchPredictor(Model model, Precision precision) {
        this.model = model;
        this.translator = new BatchTranslator(precision);
    }

    /** The scores of every image of {@code batch}, in order, from one forward pass. */
    public List<FlowerScores> predict(List<ImageTensor> batch) throws TranslateException {
        try (Predictor<List<ImageTensor>, List<FlowerScores>> predictor = model.newPredictor(translator)) {
            return predictor.predict(batch);
        }
    }
}
