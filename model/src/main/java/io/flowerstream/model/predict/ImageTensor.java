package io.flowerstream.model.predict;

import io.flowerstream.model.net.FlowerNet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * One preprocessed image ready for the network: 3x150x150 floats in [0,1], CHW, in a direct
 * buffer that its owner reuses from batch to batch.
 *
 * <p>Reuse matters: DJL copies a heap array into a fresh direct buffer on every call, and
 * those are freed only by the garbage collector, so memory grows with throughput. The network
 * reads the slot as a direct {@link ByteBuffer}, the one kind DJL wraps without that copy (a
 * {@link FloatBuffer}, even a direct one, costs an allocation and a copy per image: on a GPU
 * that was most of a batch's time).
 */
public final class ImageTensor {

    private final ByteBuffer bytes;
    private final FloatBuffer buffer;

    private ImageTensor(ByteBuffer bytes) {
        this.bytes = bytes;
        this.buffer = bytes.asFloatBuffer();
    }

    /** A new zeroed slot of the network's input size. */
    public static ImageTensor allocate() {
        return new ImageTensor(
                ByteBuffer.allocateDirect(FlowerNet.imageFloats() * Float.BYTES).order(ByteOrder.nativeOrder()));
    }

    /** A slot filled from {@code chw} (for tests and one-off predictions). */
    public static ImageTensor of(float[] chw) {
        ImageTensor tensor = allocate();
        tensor.fill(chw);
        return tensor;
    }

    /** The buffer to write into: position 0, capacity one image. Callers must not keep it. */
    public FloatBuffer writable() {
        return buffer.clear();
    }

    /** Copies {@code chw} into the slot. */
    public void fill(float[] chw) {
        if (chw.length != FlowerNet.imageFloats()) {
            throw new IllegalArgumentException(
                    "expected " + FlowerNet.imageFloats() + " floats (3x150x150 CHW), got " + chw.length);
        }
        buffer.clear().put(chw).flip();
    }

    /** The slot's bytes as the network reads them: native order, position 0, limit one image. */
    ByteBuffer readable() {
        return bytes.duplicate().order(ByteOrder.nativeOrder()).clear();
    }
}
