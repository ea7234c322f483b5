package io.flowerstream.classifier.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowerstream.classifier.batch.BatchSizeChoice.Timing;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSizeChoiceTest {

    /** Times per pass that give {@code imagesPerSecond} at each of 1, 2, 4, 8, 16. */
    private static List<Timing> rates(double... imagesPerSecond) {
        int[] sizes = {1, 2, 4, 8, 16};
        return java.util.stream.IntStream.range(0, imagesPerSecond.length)
                .mapToObj(i -> new Timing(sizes[i], sizes[i] / imagesPerSecond[i]))
                .toList();
    }

    @Test
    void picks_the_batch_with_clearly_the_best_throughput() {
        // One 2-core CPU: 78 images/s at 1, 91 at 8, slower again at 16.
        assertThat(BatchSizeChoice.choose(rates(78, 82, 85, 91, 70))).isEqualTo(8);
    }

    @Test
    void picks_4_where_the_peak_is_at_4() {
        assertThat(BatchSizeChoice.choose(rates(60, 75, 95, 84, 80))).isEqualTo(4);
    }

    @Test
    void prefers_the_smaller_batch_when_a_larger_one_is_within_two_percent() {
        // 8 is best by 1.5%, within the sweep's noise: 4 waits less for the same throughput.
        assertThat(BatchSizeChoice.choose(rates(60, 75, 100, 101.5, 90))).isEqualTo(4);
    }

    @Test
    void takes_a_larger_batch_when_the_gain_is_over_two_percent() {
        // 3%: more than the noise, and end to end each batch also pays a fixed cost the sweep does not see.
        assertThat(BatchSizeChoice.choose(rates(60, 75, 100, 103, 90))).isEqualTo(8);
    }

    @Test
    void works_on_gpu_sizes_and_unsorted_timings() {
        List<Timing> gpu =
                List.of(new Timing(64, 0.010), new Timing(8, 0.004), new Timing(128, 0.020), new Timing(32, 0.006));
        // 8: 2000/s, 32: 5333/s, 64: 6400/s, 128: 6400/s: 64 is the smallest at the top.
        assertThat(BatchSizeChoice.choose(gpu)).isEqualTo(64);
    }

    @Test
    void refuses_to_choose_from_nothing_and_rejects_impossible_timings() {
        assertThatThrownBy(() -> BatchSizeChoice.choose(List.of())).hasMessageContaining("no timings");
        assertThatThrownBy(() -> new Timing(0, 0.01)).hasMessageContaining("batch size >= 1");
        assertThatThrownBy(() -> new Timing(4, 0)).hasMessageContaining("positive time");
    }

    @Test
    void describes_the_sweep_for_the_start_up_log() {
        assertThat(BatchSizeChoice.describe(List.of(new Timing(4, 0.05)))).isEqualTo("4: 80 images/s (50.0 ms)");
    }
}
