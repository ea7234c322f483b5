package io.flowerstream.classifier.batch;

import io.flowerstream.classifier.models.LoadedModel;
import io.flowerstream.model.predict.ImageTensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times forward passes of the loaded model at a few batch sizes, at start, so that
 * {@link BatchSizeChoice} can pick the default largest batch for this machine. Each size gets one
 * untimed pass (PyTorch plans its kernels for a new shape), then the sizes are timed in turn for
 * {@link #ROUNDS} rounds, about {@link #PER_SIZE} each in all, and each size's median pass counts:
 * taking the sizes in turn spreads a busy moment of a shared machine over all of them instead of
 * charging it to one size, and the median drops the passes it slowed.
 */
public final class BatchSizeSweep {

    private static final Logger LOG = LoggerFactory.getLogger(BatchSizeSweep.class);

    /** How long each size is timed in all: seven sizes make about four seconds at start. */
    public static final Duration PER_SIZE = Duration.ofMillis(500);
    /** Rounds over the sizes. */
    static final int ROUNDS = 4;
    // At least one timed pass per size and round: on a loaded machine a batch of 16 can take seconds.
    private static final int MIN_PASSES = 1;

    private BatchSizeSweep() {}

    /** Times each of {@code sizes} on {@code model} for about {@code perSize}. */
    public static List<BatchSizeChoice.Timing> measure(LoadedModel model, int[] sizes, Duration perSize)
            throws Exception {
        int largest = Arrays.stream(sizes).max().orElseThrow();
        List<ImageTensor> images = new ArrayList<>(largest);
        for (int i = 0; i < largest; i++) {
            // Mid-grey: any values cost the same; zeros might meet a sparse shortcut somewhere.
            float[] chw = new float[ImageTensor.allocate().writable().capacity()];
            Arrays.fill(chw, 0.5f);
            images.add(ImageTensor.of(chw));
        }
        List<List<Long>> passes = new ArrayList<>(sizes.length);
        for (int size : sizes) {
            model.predict(images.subList(0, size));
            passes.add(new ArrayList<>());
        }
        long perRound = perSize.toNanos() / ROUNDS;
        for (int round = 0; round < ROUNDS; round++) {
            for (int s = 0; s < sizes.length; s++) {
                List<ImageTensor> batch = images.subList(0, sizes[s]);
                List<Long> mine = passes.get(s);
                long end = System.nanoTime() + perRound;
                int before = mine.size();
                while (mine.size() - before < MIN_PASSES || System.nanoTime() < end) {
                    long start = System.nanoTime();
                    model.predict(batch);
                    mine.add(System.nanoTime() - start);
                }
            }
        }
        List<BatchSizeChoice.Timing> timings = new ArrayList<>(sizes.length);
        for (int s = 0; s < sizes.length; s++) {
            List<Long> mine = passes.get(s);
            mine.sort(null);
            timings.add(new BatchSizeChoice.Timing(sizes[s], mine.get(mine.size() / 2) / 1e9));
        }
        return timings;
    }

    /**
     * The batch size to serve with on {@code model}: measured over {@code sizes} and chosen by
     * {@link BatchSizeChoice}, logged; {@code fallback} where a forward pass fails.
     */
    public static int choose(LoadedModel model, int[] sizes, int fallback) {
        return choose(model, sizes, PER_SIZE, fallback);
    }

    /** As {@link #choose(LoadedModel, int[], int)}, timing each size for about {@code perSize}. */
    static int choose(LoadedModel model, int[] sizes, Duration perSize, int fallback) {
        try {
            List<BatchSizeChoice.Timing> timings = measure(model, sizes, perSize);
            int chosen = BatchSizeChoice.choose(timings);
            LOG.info(
                    "batch size sweep on model version {}: {}; serving batches of up to {} (the smallest within {}% of "
                            + "the best; set MAX_BATCH_SIZE or --max-batch-size to fix it)",
                    model.version(),
                    BatchSizeChoice.describe(timings),
                    chosen,
                    Math.round(100 * BatchSizeChoice.TOLERANCE));
            return chosen;
        } catch (Exception e) {
            LOG.warn("batch size sweep failed ({}); serving batches of up to {}", e.toString(), fallback);
            return fallback;
        }
    }
}
