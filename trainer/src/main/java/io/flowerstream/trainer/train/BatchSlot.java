package io.flowerstream.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.flowerstream.model.net.ChannelsLast;
import io.flowerstream.model.net.FlowerNet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * One batch's worth of direct memory, filled by the loader thread and read by the engine,
 * then handed back for the next batch: no direct buffer is allocated per batch (the garbage
 * collector alone frees those, and memory would grow with every step).
 */
public final class BatchSlot {

    private final ByteBuffer images;
    private final ByteBuffer labels;
    private final int[] photoIndexes;
    private int size;

    BatchSlot(int capacity) {
        images = ByteBuffer.allocateDirect(capacity * FlowerNet.imageFloats() * Float.BYTES)
                .order(ByteOrder.nativeOrder());
        labels = ByteBuffer.allocateDirect(capacity * Float.BYTES).order(ByteOrder.nativeOrder());
        photoIndexes = new int[capacity];
    }

    /** Images in this batch (the last batch of an epoch may be short). */
    public int size() {
        return size;
    }

    /** The store index of image {@code i} of the batch. */
    public int photoIndex(int i) {
        return photoIndexes[i];
    }

    /**
     * The images as one NCHW float32 array on {@code manager}, exactly {@code size} images long,
     * laid out channels-last in memory as {@link ChannelsLast} does (the layout the network runs
     * fastest in). The loader wrote each image HWC ({@code AffineSampler#write}), so this is the
     * slot's NHWC block seen through a transpose: no copy of the batch on the engine's cores.
     */
    public NDArray images(NDManager manager) {
        ByteBuffer bytes = images.duplicate()
                .order(ByteOrder.nativeOrder())
                .position(0)
                .limit(size * FlowerNet.imageFloats() * Float.BYTES);
        Shape nhwc = new Shape(size, FlowerNet.INPUT_SIZE, FlowerNet.INPUT_SIZE, FlowerNet.CHANNELS);
        return manager.create(bytes, nhwc, DataType.FLOAT32).transpose(0, 3, 1, 2);
    }

    /** The class indexes as float32 bytes, {@code size} long. */
    public ByteBuffer labelBytes() {
        return labels.duplicate().order(ByteOrder.nativeOrder()).position(0).limit(size * Float.BYTES);
    }

    /** The slot's image memory as floats: image {@code i} starts at {@code i x imageFloats()}, HWC. */
    FloatBuffer imageFloats() {
        return images.asFloatBuffer();
    }

    void setLabel(int i, int photoIndex, int label) {
        photoIndexes[i] = photoIndex;
        labels.putFloat(i * Float.BYTES, label);
    }

    void setSize(int size) {
        this.size = size;
    }
}
