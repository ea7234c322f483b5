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
 * those are freed only by the garbage collector, so memory grows with throughput.
 */
public final class ImageTensor {

    private final FloatBuffer buffer;

    private ImageTensor(FloatBuffer buffer) {
        this.buffer = buffer;
    }

    /** A new zeroed slot of the network's input size. */
    public static ImageTensor allocate() {
        return new ImageTensor(ByteBuffer.allocateDirect(FlowerNet.imageFloats() * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer());
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

    /** The buffer as the network reads it: position 0, limit one image. */
    FloatBuffer readable() {
        return buffer.duplicate().clear();
    }
}
