package io.flowerstream.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceDefaultsTest {

    @Test
    void a_gpu_gets_large_batches_and_every_core_decoding_and_loading() {
        DeviceDefaults gpu = DeviceDefaults.of(true, 16);

        assertThat(gpu.maxBatchSize()).isEqualTo(64);
        assertThat(gpu.decodeThreads()).isEqualTo(16);
        assertThat(gpu.loaderThreads()).isEqualTo(16);
        assertThat(gpu.prefetchBatches()).isEqualTo(8);
    }

    @Test
    void a_cpu_keeps_the_measured_small_batch_and_one_loader_thread() {
        DeviceDefaults cpu = DeviceDefaults.of(false, 16);

        assertThat(cpu.maxBatchSize()).isEqualTo(8);
        assertThat(cpu.decodeThreads()).isEqualTo(16);
        assertThat(cpu.loaderThreads()).isEqualTo(1);
        assertThat(cpu.prefetchBatches()).isEqualTo(3);
    }

    @Test
    void the_gpu_defaults_are_larger_than_the_cpu_ones_on_any_machine() {
        for (int cores : new int[] {1, 2, 4, 64}) {
            DeviceDefaults gpu = DeviceDefaults.of(true, cores);
            DeviceDefaults cpu = DeviceDefaults.of(false, cores);
            assertThat(gpu.maxBatchSize()).as("%d cores", cores).isGreaterThan(cpu.maxBatchSize());
            assertThat(gpu.prefetchBatches()).as("%d cores", cores).isGreaterThan(cpu.prefetchBatches());
            assertThat(gpu.loaderThreads()).as("%d cores", cores).isGreaterThanOrEqualTo(cpu.loaderThreads());
            assertThat(gpu.decodeThreads()).as("%d cores", cores).isEqualTo(cores);
        }
    }

    @Test
    void a_djl_device_is_read_as_gpu_or_cpu() {
        assertThat(DeviceDefaults.of(Device.gpu(0)).maxBatchSize()).isEqualTo(DeviceDefaults.GPU_BATCH_SIZE);
        assertThat(DeviceDefaults.of(Device.cpu()).maxBatchSize()).isEqualTo(DeviceDefaults.CPU_BATCH_SIZE);
    }

    @Test
    void zero_cores_reported_still_gives_one_thread() {
        assertThat(DeviceDefaults.of(true, 0).decodeThreads()).isEqualTo(1);
        assertThatThrownBy(() -> new DeviceDefaults(8, 1, 1, 1)).hasMessageContaining("prefetch 1");
    }
}
