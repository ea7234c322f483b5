package io.flowerstream.model.net;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;
import io.flowerstream.contracts.FlowerClasses;

/**
 * The seed's convolutional network (the Keras model this project started from), layer for layer as
 * docs/design.md lists it.
 *
 * <p>The block ends in the Dense 5 logits; the softmax of the seed's last layer is applied
 * by the translator at prediction time and folded into the cross-entropy loss in training,
 * which is numerically safer than a softmax layer followed by a log.
 */
public final class FlowerNet {

    /** Name recorded in every version's metadata: a loader refuses params of another network. */
    public static final String ARCHITECTURE = "flowers-cnn-seed";
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

    /**
     * Builds the network with Keras' initialisation: Glorot-uniform weights
     * (Xavier, uniform, averaged fan, magnitude 3 gives sqrt(6 / (fanIn + fanOut))) and zero biases.
     */
    public static SequentialBlock build() {
        SequentialBlock net = new SequentialBlock()
                .add(conv(32, 5))
                .add(Activation.reluBlock())
                .add(maxPool())
                .add(conv(64, 3))
                .add(Activation.reluBlock())
                .add(maxPool())
                .add(conv(96, 3))
                .add(Activation.reluBlock())
                .add(maxPool())
                .add(conv(96, 3))
                .add(Activation.reluBlock())
                .add(maxPool())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(512).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(FlowerClasses.count()).build());
        net.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3),
                Parameter.Type.WEIGHT);
        return net;
    }

    /** Conv2D with Keras' {@code padding="same"} for odd kernels: pad (k-1)/2 each side. */
    private static Block conv(int filters, int kernel) {
        int pad = (kernel - 1) / 2;
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(pad, pad))
                .build();
    }

    /** Keras MaxPool2D(2): window 2, stride 2, no padding (odd sides round down). */
    private static Block maxPool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }
}
