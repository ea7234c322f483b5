package io.flowerstream.trainer.augment;

import io.flowerstream.model.net.FlowerNet;
import java.nio.FloatBuffer;
import java.util.random.RandomGenerator;

/**
 * Writes a stored photo into a batch slot as network floats in [0,1], through a random affine
 * transform drawn from an {@link Augmentation}: rotation, zoom and shift about the centre (and a
 * crop, when its {@link SourceJitter} asks), then an optional mirror, sampled bilinearly with Keras'
 * {@code fill_mode="nearest"} at the edges; then the jitter's light, colour, resolution and
 * compression ({@link PhotoJitter}).
 *
 * <p>The transform is inverse-mapped (for each output pixel, where does it come from), so
 * every output pixel is computed once and there are no holes. One instance per thread: it
 * reuses its scratch arrays and allocates nothing per photo.
 *
 * <p>{@link #write} stores the photo channels-last (HWC), the memory layout the engine trains in
 * (see the trainer's {@code BatchSlot}): interleaving here, on the loader thread, saves the engine
 * a copy of every batch on the cores that run the steps.
 */
public final class AffineSampler {

    private static final int SIDE = FlowerNet.INPUT_SIZE;
    private static final int PLANE = SIDE * SIDE;
    private static final float SCALE = 1f / 255f;

    private final Augmentation augmentation;
    private final float[] out = new float[3 * PLANE];
    private final float[] interleaved = new float[3 * PLANE];
    private final PhotoJitter jitter;

    public AffineSampler(Augmentation augmentation) {
        this.augmentation = augmentation;
        this.jitter = augmentation.source().isNone() ? null : new PhotoJitter(augmentation.source());
    }

    /**
     * Writes photo {@code chw} (3x150x150 bytes), augmented with {@code random}, at float index
     * {@code offset} of {@code dst}, channels-last: 150x150 pixels of 3 floats each.
     */
    public void write(byte[] chw, FloatBuffer dst, int offset, RandomGenerator random) {
        float[] planes = augment(chw, random);
        for (int p = 0, o = 0; p < PLANE; p++, o += 3) {
            interleaved[o] = planes[p];
            interleaved[o + 1] = planes[PLANE + p];
            interleaved[o + 2] = planes[2 * PLANE + p];
        }
        dst.put(offset, interleaved);
    }

    /**
     * Photo {@code chw} (3x150x150 bytes) as network floats in [0,1], channel by channel (CHW),
     * augmented with {@code random}. The array is this sampler's and is overwritten by its next call.
     */
    public float[] augment(byte[] chw, RandomGenerator random) {
        if (augmentation.isIdentity()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (chw[i] & 0xFF) * SCALE;
            }
        } else {
            Augmentation a = augmentation;
            double theta = Math.toRadians(uniform(random, a.rotationDegrees()));
            double zx = 1 + uniform(random, a.zoom());
            double zy = 1 + uniform(random, a.zoom());
            double tx = uniform(random, a.widthShift()) * SIDE;
            double ty = uniform(random, a.heightShift()) * SIDE;
            boolean flip = a.horizontalFlip() && random.nextBoolean();
            SourceJitter s = a.source();
            // A crop is a zoom in (a factor below 1 shows less) and a shift within the slack it leaves;
            // drawn only when asked for, so the seed's recipe draws what it always drew.
            if (s.cropChance() > 0 && random.nextDouble() < s.cropChance()) {
                double side = random.nextDouble(s.cropMinSide(), 1.0);
                double aspect = Math.sqrt(random.nextDouble(0.75, 4.0 / 3.0));
                double sx = Math.min(1, side * aspect);
                double sy = Math.min(1, side / aspect);
                zx *= sx;
                zy *= sy;
                tx += uniform(random, (1 - sx) / 2) * SIDE;
                ty += uniform(random, (1 - sy) / 2) * SIDE;
            }
            sample(chw, (float) theta, (float) zx, (float) zy, (float) tx, (float) ty, flip);
            if (jitter != null) {
                jitter.apply(out, random);
            }
        }
        return out;
    }

    /**
     * Output pixel (x, y), taken relative to the centre c, reads the input at
     * {@code R(theta) * diag(zx, zy) * (p - c) + c + t}; a zoom factor above 1 shows more of the
     * photo (zooms out), as in Keras.
     */
    void sample(byte[] chw, float theta, float zx, float zy, float tx, float ty, boolean flip) {
        float cos = (float) Math.cos(theta);
        float sin = (float) Math.sin(theta);
        float a = cos * zx;
        float b = -sin * zy;
        float c = sin * zx;
        float d = cos * zy;
        float centre = (SIDE - 1) / 2f;
        float max = SIDE - 1;
        for (int y = 0; y < SIDE; y++) {
            float v = y - centre;
            for (int x = 0; x < SIDE; x++) {
                float u = (flip ? (SIDE - 1 - x) : x) - centre;
                float sx = clamp(a * u + b * v + centre + tx, max);
                float sy = clamp(c * u + d * v + centre + ty, max);
                int x0 = (int) sx;
                int y0 = (int) sy;
                int x1 = Math.min(x0 + 1, SIDE - 1);
                int y1 = Math.min(y0 + 1, SIDE - 1);
                float fx = sx - x0;
                float fy = sy - y0;
                int i00 = y0 * SIDE + x0;
                int i10 = y0 * SIDE + x1;
                int i01 = y1 * SIDE + x0;
                int i11 = y1 * SIDE + x1;
                int o = y * SIDE + x;
                for (int ch = 0, base = 0; ch < 3; ch++, base += PLANE) {
                    float top = (chw[base + i00] & 0xFF) + ((chw[base + i10] & 0xFF) - (chw[base + i00] & 0xFF)) * fx;
                    float bottom =
                            (chw[base + i01] & 0xFF) + ((chw[base + i11] & 0xFF) - (chw[base + i01] & 0xFF)) * fx;
                    out[base + o] = (top + (bottom - top) * fy) * SCALE;
                }
            }
        }
    }

    /** The last photo written, as CHW floats; for tests. */
    float[] lastOutput() {
        return out.clone();
    }

    private static double uniform(RandomGenerator random, double range) {
        return range == 0 ? 0 : random.nextDouble(-range, range);
    }

    private static float clamp(float v, float max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}
