package io.flowerstream.model.net;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;
import io.flowerstream.contracts.FlowerClasses;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The networks a version's weights can belong to, by the name its metadata records. Every one takes
 * the same 3x150x150 input and ends in the same 5 logits (the softmax is applied by the translator at
 * prediction time and folded into the loss in training), so the classifier serves any of them and a
 * rollout may move from one to another.
 */
public enum Architecture {
    /**
     * The seed's Keras network, layer for layer: four conv/ReLU/max-pool stages (32 5x5, 64, 96, 96
     * 3x3), then Dense 512 and Dense 5 on the flattened 9x9x96 map (4.1 M parameters, nearly all in
     * the first Dense).
     */
    SEED("flowers-cnn-seed") {
        @Override
        SequentialBlock layers() {
            return new SequentialBlock()
                    .add(conv(32, 5, true))
                    .add(Activation.reluBlock())
                    .add(maxPool())
                    .add(conv(64, 3, true))
                    .add(Activation.reluBlock())
                    .add(maxPool())
                    .add(conv(96, 3, true))
                    .add(Activation.reluBlock())
                    .add(maxPool())
                    .add(conv(96, 3, true))
                    .add(Activation.reluBlock())
                    .add(maxPool())
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(512).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(FlowerClasses.count()).build());
        }
    },
    /**
     * Five stages of a convolution without bias (32 5x5, 64, 96, 128, 192 3x3), max-pooling in the first
     * four, then batch normalisation and ReLU; global average pooling, dropout 0.2 and Dense 5 (0.41 M
     * parameters). Normalised stages learn in fewer epochs at the same rate; a network that averages
     * its features over the picture depends less on where the flower sits in it and has far fewer
     * weights with which to learn the training photos by heart; and with the normalisation and ReLU
     * on the pooled maps a step takes about half the seed network's time on a CPU.
     */
    BATCH_NORM("flowers-cnn-bn") {
        @Override
        SequentialBlock layers() {
            return new SequentialBlock()
                    .add(normalisedConv(32, 5, true))
                    .add(normalisedConv(64, 3, true))
                    .add(normalisedConv(96, 3, true))
                    .add(normalisedConv(128, 3, true))
                    .add(normalisedConv(192, 3, false))
                    .add(Pool.globalAvgPool2dBlock())
                    .add(Blocks.batchFlattenBlock())
                    .add(Dropout.builder().optRate(0.2f).build())
                    .add(Linear.builder().setUnits(FlowerClasses.count()).build());
        }
    };

    /** What {@code trainer train} and {@code trainer serve} build unless told otherwise. */
    public static final Architecture DEFAULT = BATCH_NORM;

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** The name recorded in a version's metadata ({@code architecture}). */
    public String id() {
        return id;
    }

    /** The architecture named {@code id}; the error lists the known names. */
    public static Architecture of(String id) {
        for (Architecture a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown network architecture '" + id + "': known are "
                + Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", "))
                + " (a version published by a newer flowerstream needs that version to serve it)");
    }

    /**
     * The network, uninitialised, with Keras' initialisation for its weights: Glorot-uniform (Xavier,
     * uniform, averaged fan, magnitude 3 gives sqrt(6 / (fanIn + fanOut))); biases start at zero and
     * batch normalisation at the identity.
     */
    public SequentialBlock build() {
        SequentialBlock net = layers();
        net.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3),
                Parameter.Type.WEIGHT);
        return net;
    }

    abstract SequentialBlock layers();

    @Override
    public String toString() {
        return id;
    }

    /** Conv2D with Keras' {@code padding="same"} for odd kernels: pad (k-1)/2 each side. */
    private static Block conv(int filters, int kernel, boolean bias) {
        int pad = (kernel - 1) / 2;
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(pad, pad))
                .optBias(bias)
                .build();
    }

    /**
     * Convolution, then max-pooling when asked, then batch normalisation and ReLU; no bias, since the
     * normalisation's shift replaces it. Pooling before normalising gives the same kind of stage at a
     * quarter of the normalisation's cost: it is memory-bound, and the full-size maps are the largest
     * tensors of a step.
     */
    private static Block normalisedConv(int filters, int kernel, boolean pool) {
        SequentialBlock stage = new SequentialBlock().add(conv(filters, kernel, false));
        if (pool) {
            stage.add(maxPool());
        }
        return stage.add(BatchNorm.builder().build()).add(Activation.reluBlock());
    }

    /** Keras MaxPool2D(2): window 2, stride 2, no padding (odd sides round down). */
    private static Block maxPool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }
}
