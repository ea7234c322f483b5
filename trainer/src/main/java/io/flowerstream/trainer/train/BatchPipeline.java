package io.flowerstream.trainer.train;

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

/**
 * Prepares batches on a thread of its own while the engine trains on the previous one, so that
 * augmentation costs no step time. A small pool of {@link BatchSlot}s circulates between the
 * loader and the trainer; the loader waits for a free slot, so memory stays bounded.
 */
public final class BatchPipeline implements AutoCloseable {

    /** Two batches in flight and one being filled: enough to never starve the engine. */
    private static final int SLOTS = 3;

    private final PhotoStore store;
    private final int batchSize;
    private final List<BatchSlot> slots = new ArrayList<>();
    private final BlockingQueue<BatchSlot> free = new ArrayBlockingQueue<>(SLOTS);
    private Thread loader;

    public BatchPipeline(PhotoStore store, int batchSize) {
        this.store = store;
        this.batchSize = batchSize;
        for (int i = 0; i < SLOTS; i++) {
            slots.add(new BatchSlot(batchSize));
        }
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
        loader = new Thread(() -> pass.produce(order, total, new AffineSampler(augmentation), new SplittableRandom(seed)),
                "batch-loader");
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
        private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(SLOTS + 1);
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

        private void produce(int[] order, int total, AffineSampler sampler, SplittableRandom random) {
            try {
                int floats = FlowerNet.imageFloats();
                for (int b = 0; b < total; b++) {
                    BatchSlot slot = free.take();
                    FloatBuffer images = slot.imageFloats();
                    int start = b * batchSize;
                    int size = Math.min(batchSize, order.length - start);
                    for (int i = 0; i < size; i++) {
                        int photo = order[start + i];
                        sampler.write(store.pixels(photo), images, i * floats, random);
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
    }
}
