package io.flowerstream.model.engine;

import ai.djl.Device;

/**
 * The sizes that depend on where the network runs, chosen once from the device and the cores:
 * how many images a classifier batch may hold, how many threads decode images, and how the
 * trainer's loader keeps the engine fed (threads augmenting, batches prepared ahead).
 *
 * <p>On a CPU the network itself takes every core, so the loader gets one thread and a short
 * queue, and batches stay small (the measured best on 2 cores, docs/classifier.md). On a GPU the
 * cores only feed it: a large batch costs the GPU little more than a small one, decoding and
 * augmentation are then the limit, so they get every core and a deeper queue to ride out the
 * unevenness of the host threads. The GPU batch size is the best of {@code gpu-check}'s sweep on
 * an H200; the loader and queue sizes gave 4,500 training images/s there (docs/gpu.md).
 *
 * @param maxBatchSize     the classifier's batch size when none is configured
 * @param decodeThreads    the classifier's decode threads when none are configured
 * @param loaderThreads    threads the trainer's batch loader augments photos on
 * @param prefetchBatches  training batches in circulation between the loader and the engine
 */
public record DeviceDefaults(int maxBatchSize, int decodeThreads, int loaderThreads, int prefetchBatches) {

    /**
     * Batch size on CPU where none is configured and the classifier's start-up sweep cannot run
     * (and the size its warm-up pass uses): a middle size, never the worst on the CPUs measured;
     * the sweep itself ranges 1-64 (docs/classifier.md).
     */
    public static final int CPU_BATCH_SIZE = 8;
    /**
     * Batch size on a GPU where none is configured and the start-up sweep cannot run: the best of
     * gpu-check's predictor sweep on an H200 (docs/gpu.md; 128 and 256 were slower per image, the
     * host's stacking of the batch being the limit there).
     */
    public static final int GPU_BATCH_SIZE = 64;
    /** Batches in circulation on CPU: two in flight and one being filled. */
    public static final int CPU_PREFETCH = 3;
    /** Batches in circulation on a GPU: a step there is a few milliseconds, shorter than a slow loader hiccup. */
    public static final int GPU_PREFETCH = 8;

    public DeviceDefaults {
        if (maxBatchSize < 1 || decodeThreads < 1 || loaderThreads < 1 || prefetchBatches < 2) {
            throw new IllegalArgumentException(
                    "device defaults out of range: batch " + maxBatchSize + ", decode threads " + decodeThreads
                            + ", loader threads " + loaderThreads + ", prefetch " + prefetchBatches);
        }
    }

    /** The defaults for a GPU ({@code gpu}) or a CPU, on a machine with {@code cores} cores. */
    public static DeviceDefaults of(boolean gpu, int cores) {
        int usable = Math.max(1, cores);
        return gpu
                ? new DeviceDefaults(GPU_BATCH_SIZE, usable, usable, GPU_PREFETCH)
                : new DeviceDefaults(CPU_BATCH_SIZE, usable, 1, CPU_PREFETCH);
    }

    /** The defaults for {@code device} on this machine. */
    public static DeviceDefaults of(Device device) {
        return of(device.isGpu(), Runtime.getRuntime().availableProcessors());
    }
}
