package io.flowerstream.model.net;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;

/**
 * The input every flower network takes (3x150x150, values in [0,1]) and the network that is built
 * when none is named ({@link Architecture#DEFAULT}). The networks themselves, and the layers of each,
 * are in {@link Architecture}; docs/design.md lists them.
 */
public final class FlowerNet {

    /** Name of the default network, as recorded in a version's metadata. */
    public static final String ARCHITECTURE = Architecture.DEFAULT.id();
    /** Side of the square input in pixels. */
    public static final int INPUT_SIZE = 150;
    /** Colour channels of the input. */
    public static final int CHANNELS = 3;

    private FlowerNet() {}

    /** The input shape of a batch of {@code batchSize} images, CHW. */
    public static Shape inputShape(int batchSize) {
        return new Shape(batchSize, CHANNELS, INPUT_SIZE, INPUT_SIZE);
    }

    /** Floats in one preprocessed image. */
    public static int imageFloats() {
        return CHANNELS * INPUT_SIZE * INPUT_SIZE;
    }

    /** The default network, uninitialised. */
    public static SequentialBlock build() {
        return Architecture.DEFAULT.build();
    }
}
