package io.flowerstream.model.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.flowerstream.model.net.ChannelsLast;
import io.flowerstream.model.net.FlowerNet;

/**
 * Turns one preprocessed image into network input and the network's logits into five scores;
 * DJL's stack batchifier makes a batch of them, laid out {@link ChannelsLast channels-last}, so
 * {@code predictor.batchPredict} runs N images as one forward pass in the faster layout.
 */
public final class FlowerTranslator implements Translator<ImageTensor, FlowerScores> {

    private static final Shape IMAGE = new Shape(FlowerNet.CHANNELS, FlowerNet.INPUT_SIZE, FlowerNet.INPUT_SIZE);
    /** Stateless, so one serves every predictor. */
    private static final Batchifier CHANNELS_LAST_STACK = new ChannelsLastStack();

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
        return CHANNELS_LAST_STACK;
    }

    /** DJL's stack batchifier, then the batch re-laid channels-last; splitting the output is the stack's. */
    private static final class ChannelsLastStack implements Batchifier {

        private static final long serialVersionUID = 1L;

        @Override
        public NDList batchify(NDList[] inputs) {
            NDList stacked = Batchifier.STACK.batchify(inputs);
            NDList laidOut = new NDList(stacked.size());
            for (NDArray array : stacked) {
                laidOut.add(ChannelsLast.of(array));
            }
            return laidOut;
        }

        @Override
        public NDList[] unbatchify(NDList inputs) {
            return Batchifier.STACK.unbatchify(inputs);
        }

        @Override
        public NDList[] split(NDList list, int numOfSlices, boolean evenSplit) {
            return Batchifier.STACK.split(list, numOfSlices, evenSplit);
        }
    }
}
