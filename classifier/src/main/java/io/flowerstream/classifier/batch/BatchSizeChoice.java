package io.flowerstream.classifier.batch;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Picks the classifier's largest batch from measured forward-pass times, for when none is
 * configured: the best batch differs between machines (4 on one 2-core CPU, 8 on another), so
 * it is measured on the one the classifier runs on ({@link BatchSizeSweep}).
 *
 * <p>The rule: the smallest batch whose throughput is within {@link #TOLERANCE} of the best
 * measured one, which is about the noise left in an interleaved sweep. The margin is narrow
 * because the sweep times the forward pass alone, while in the classifier every batch also pays
 * for its poll, punctuation, output records and transaction: a batch that only matches a larger
 * one's forward-pass rate falls behind it end to end (with 5%, the benchmark's end-to-end
 * throughput ranged from 0.41 to 1.15 of its bound from run to run as the sweep's choice moved
 * between 2 and 16).
 */
public final class BatchSizeChoice {

    /**
     * Batch sizes tried on a CPU. Up to 64: with tcmalloc a CPU's images/s keep rising past 16
     * (the raw curve in docs/benchmarks.md); with glibc's malloc they fell above 8, and the sweep
     * then picks a small batch by itself.
     */
    public static final int[] CPU_CANDIDATES = {1, 2, 4, 8, 16, 32, 64};
    /** Batch sizes tried on a GPU, where large batches are nearly free. */
    public static final int[] GPU_CANDIDATES = {8, 16, 32, 64, 128};
    /** How much of the best throughput a smaller batch may give up and still be chosen. */
    public static final double TOLERANCE = 0.02;

    /** One measured batch size: the median time of one forward pass at that size. */
    public record Timing(int batchSize, double secondsPerBatch) {

        public Timing {
            if (batchSize < 1 || !(secondsPerBatch > 0)) {
                throw new IllegalArgumentException("a timing needs a batch size >= 1 and a positive time, got "
                        + batchSize + " and " + secondsPerBatch);
            }
        }

        public double imagesPerSecond() {
            return batchSize / secondsPerBatch;
        }
    }

    private BatchSizeChoice() {}

    /** The chosen batch size among {@code timings}. */
    public static int choose(List<Timing> timings) {
        if (timings.isEmpty()) {
            throw new IllegalArgumentException("no timings to choose a batch size from");
        }
        double best =
                timings.stream().mapToDouble(Timing::imagesPerSecond).max().orElseThrow();
        return timings.stream()
                .filter(t -> t.imagesPerSecond() >= (1 - TOLERANCE) * best)
                .mapToInt(Timing::batchSize)
                .min()
                .orElseThrow();
    }

    /** The timings as one log line: {@code 1: 78 images/s, 2: 85 images/s, ...}. */
    public static String describe(List<Timing> timings) {
        return timings.stream()
                .map(t -> String.format(
                        Locale.ROOT,
                        "%d: %.0f images/s (%.1f ms)",
                        t.batchSize(),
                        t.imagesPerSecond(),
                        1000 * t.secondsPerBatch()))
                .collect(Collectors.joining(", "));
    }
}
