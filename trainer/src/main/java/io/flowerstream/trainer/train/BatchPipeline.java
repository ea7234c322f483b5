package io.flowerstream.trainer.train;

import io.flowerstream.model.engine.DeviceDefaults;
import io.flowerstream.model.net.FlowerNet;
import io.flowerstream.trainer.augment.AffineSampler;
import io.flowerstream.trainer.augment.Augmentation;
import io.flowerstream.trainer.data.PhotoStore;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prepares batches on a thread of its own while the engine trains on the previous one, so that
 * augmentation costs no step time. A small pool of {@link BatchSlot}s circulates between the
 * loader and the trainer; the loader waits for a free slot, so memory stays bounded.
 *
 * <p>How many slots circulate and how many threads augment come from the device
 * ({@link DeviceDefaults}): on a CPU the engine takes every core, so one loader thread and three
 * slots; on a GPU a step takes milliseconds and one thread could not augment 1,500 photos a
 * second, so every core augments its share of each batch and more batches wait ready. With one
 * thread each photo draws its augmentation from the pass's generator in turn, as it always did;
 * with several, each photo gets its own generator split from the pass's one in photo order, so a
 * seed gives the same batches whatever the threads' timing (though not the same as with one thread).
 */
public final class BatchPipeline implements AutoCloseable {

    private final PhotoStore store;
    private final int batchSize;
    private final int slotCount;
    private final List<BatchSlot> slots = new ArrayList<>();
    private final BlockingQueue<BatchSlot> free;
    /** Threads augmenting parts of a batch; null when the loader thread does it all. */
    private final ExecutorService augmenters;

    private final int augmenterCount;
    private Thread loader;

    /** A pipeline sized for a CPU: one loader thread, three slots (evaluation, tests). */
    public BatchPipeline(PhotoStore store, int batchSize) {
        this(store, batchSize, DeviceDefaults.CPU_PREFETCH, 1);
    }

    /** A pipeline with {@code prefetchBatches} slots in circulation, augmenting on {@code loaderThreads} threads. */
    public BatchPipeline(PhotoStore store, int batchSize, int prefetchBatches, int loaderThreads) {
        if (prefetchBatches < 2 || loaderThreads < 1) {
            throw new IllegalArgumentException("a batch pipeline needs at least 2 slots and 1 loader thread, got "
                    + prefetchBatches + " and " + loaderThreads);
        }
        this.store = store;
        this.batchSize = batchSize;
        this.slotCount = prefetchBatches;
        this.free = new ArrayBlockingQueue<>(prefetchBatches);
        for (int i = 0; i < prefetchBatches; i++) {
            slots.add(new BatchSlot(batchSize));
        }
        this.augmenterCount = loaderThreads;
        AtomicInteger n = new AtomicInteger();
        this.augmenters = loaderThreads == 1
                ? null
                : Executors.newFixedThreadPool(loaderThreads, r -> {
                    Thread t = new Thread(r, "batch-augment-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** A pipeline sized for {@code defaults}' device. */
    public static BatchPipeline forDevice(PhotoStore store, int batchSize, DeviceDefaults defaults) {
        return new BatchPipeline(store, batchSize, defaults.prefetchBatches(), defaults.loaderThreads());
    }

    /** Slots in circulation. */
    public int prefetchBatches() {
        return slotCount;
    }

    /** Threads augmenting photos. */
    public int loaderThreads() {
        return augmenterCount;
    }

    /**
     * Starts one pass over {@code order} (store indexes, in the order to use them), at most
     * {@code maxBatches} batches (0: all), each photo through {@code augmentation} drawn from {@code seed}.
     */
    public Pass start(int[] order, int maxBatches, Augmentation augmentation, long seed) {
        stopLoader();
        // Every slot is free between passes, even those a failed pass never gave back.
        free.clear();
        free.addAll(slots);
        int batches = (order.length + batchSize - 1) / batchSize;
        if (maxBatches > 0) {
            batches = Math.min(batches, maxBatches);
        }
        Pass pass = new Pass(batches);
        int total = batches;
        loader = new Thread(() -> pass.produce(order, total, augmentation, new SplittableRandom(seed)), "batch-loader");
        loader.setDaemon(true);
        loader.start();
        return pass;
    }

    /** The photos this pipeline reads. */
    public PhotoStore store() {
        return store;
    }

    @Override
    public void close() {
        stopLoader();
        if (augmenters != null) {
            augmenters.shutdownNow();
        }
    }

    private void stopLoader() {
        if (loader != null) {
            loader.interrupt();
            try {
                loader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loader = null;
        }
    }

    /** One pass over a list of photos: take each batch, use it, give it back. */
    public final class Pass {
        private final int batches;
        private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(slotCount + 1);
        private int taken;

        private Pass(int batches) {
            this.batches = batches;
        }

        /** Batches in this pass. */
        public int batches() {
            return batches;
        }

        /** The next batch, waiting for the loader if need be; null when the pass is done. */
        public BatchSlot next() throws InterruptedException {
            if (taken == batches) {
                return null;
            }
            Object item = ready.take();
            if (item instanceof Throwable failure) {
                throw new IllegalStateException("preparing a training batch failed: " + failure, failure);
            }
            taken++;
            return (BatchSlot) item;
        }

        /** Gives a used batch's memory back for the loader to fill; call once the engine is done with it. */
        public void release(BatchSlot slot) {
            free.add(slot);
        }

        private void produce(int[] order, int total, Augmentation augmentation, SplittableRandom random) {
            AffineSampler sampler = new AffineSampler(augmentation);
            ThreadLocal<AffineSampler> samplers = ThreadLocal.withInitial(() -> new AffineSampler(augmentation));
            try {
                int floats = FlowerNet.imageFloats();
                for (int b = 0; b < total; b++) {
                    BatchSlot slot = free.take();
                    FloatBuffer images = slot.imageFloats();
                    int start = b * batchSize;
                    int size = Math.min(batchSize, order.length - start);
                    if (augmenters == null) {
                        for (int i = 0; i < size; i++) {
                            int photo = order[start + i];
                            sampler.write(store.pixels(photo), images, i * floats, random);
                        }
                    } else {
                        augmentInParallel(order, start, size, images, samplers, random);
                    }
                    for (int i = 0; i < size; i++) {
                        int photo = order[start + i];
                        slot.setLabel(i, photo, store.label(photo));
                    }
                    slot.setSize(size);
                    ready.put(slot);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                ready.offer(e);
            }
        }

        /** Splits one batch's photos among the augmenting threads and waits for all of them. */
        private void augmentInParallel(
                int[] order,
                int start,
                int size,
                FloatBuffer images,
                ThreadLocal<AffineSampler> samplers,
                SplittableRandom random)
                throws InterruptedException {
            int floats = FlowerNet.imageFloats();
            SplittableRandom[] draws = new SplittableRandom[size];
            for (int i = 0; i < size; i++) {
                draws[i] = random.split();
            }
            int chunk = (size + augmenterCount - 1) / augmenterCount;
            List<Future<?>> parts = new ArrayList<>(augmenterCount);
            for (int from = 0; from < size; from += chunk) {
                int first = from;
                int last = Math.min(size, from + chunk);
                parts.add(augmenters.submit(() -> {
                    AffineSampler mine = samplers.get();
                    for (int i = first; i < last; i++) {
                        mine.write(store.pixels(order[start + i]), images, i * floats, draws[i]);
                    }
                }));
            }
            awaitAll(parts);
        }
    }

    /**
     * Waits for every part, even when interrupted: a part still writing into a slot after the
     * loader has gone would corrupt that slot's next batch. Rethrows the first part's failure.
     */
    private static void awaitAll(List<Future<?>> parts) throws InterruptedException {
        boolean interrupted = false;
        RuntimeException failure = null;
        for (Future<?> part : parts) {
            while (true) {
                try {
                    part.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r
                                ? r
                                : new IllegalStateException(
                                        "augmenting a training batch failed: " + e.getCause(), e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            throw new InterruptedException("interrupted while augmenting a batch");
        }
        if (failure != null) {
            throw failure;
        }
    }
}
