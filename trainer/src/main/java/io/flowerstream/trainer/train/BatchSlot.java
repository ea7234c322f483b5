package io.flowerstream.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
     * The images as one NCHW float32 array on {@code manager}, laid out {@link ChannelsLast
     * channels-last} (the layout the network runs fastest in), exactly {@code size} images long.
     */
    public NDArray images(NDManager manager) {
        ByteBuffer bytes = images.duplicate()
                .order(ByteOrder.nativeOrder())
                .position(0)
                .limit(size * FlowerNet.imageFloats() * Float.BYTES);
        return ChannelsLast.of(manager.create(bytes, FlowerNet.inputShape(size), DataType.FLOAT32));
    }

    /** The class indexes as float32 bytes, {@code size} long. */
    public ByteBuffer labelBytes() {
        return labels.duplicate().order(ByteOrder.nativeOrder()).position(0).limit(size * Float.BYTES);
    }

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
