package io.flowerstream.model.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.flowerstream.model.net.FlowerNet;

/**
 * Turns one preprocessed image into network input and the network's logits into five scores;
 * DJL's stack batchifier makes a batch of them, so {@code predictor.batchPredict} runs N images
 * as one forward pass.
 */
public final class FlowerTranslator implements Translator<ImageTensor, FlowerScores> {

    private static final Shape IMAGE = new Shape(FlowerNet.CHANNELS, FlowerNet.INPUT_SIZE, FlowerNet.INPUT_SIZE);

    @Override
    public NDList processInput(TranslatorContext ctx, ImageTensor input) {
        return new NDList(ctx.getNDManager().create(input.readable(), IMAGE, DataType.FLOAT32));
    }

    @Override
    public FlowerScores processOutput(TranslatorContext ctx, NDList list) {
        NDArray logits = list.singletonOrThrow();
        return new FlowerScores(logits.softmax(0).toFloatArray());
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}
