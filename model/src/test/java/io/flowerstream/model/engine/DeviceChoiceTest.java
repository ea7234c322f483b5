package io.flowerstream.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs on the CPU libtorch of the build, which sees no GPU: what each choice does then. */
class DeviceChoiceTest {

    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = DjlRuntime.engine();
    }

    @Test
    void gpu_asked_with_no_gpu_seen_fails_saying_the_libtorch_is_cpu_only_instead_of_running_on_the_cpu() {
        assertThat(engine.getGpuCount())
                .as("this test needs a machine PyTorch sees no GPU on")
                .isZero();

        assertThatThrownBy(() -> DeviceChoice.GPU.resolveAll(engine))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--device gpu was asked for")
                .hasMessageContaining("CPU-only")
                .hasMessageContaining("--device auto");
        assertThatThrownBy(() -> DeviceChoice.GPU.resolve(engine)).hasMessageContaining("sees no GPU");
    }

    @Test
    void auto_and_cpu_run_on_the_cpu_when_no_gpu_is_seen() {
        assertThat(DeviceChoice.AUTO.resolve(engine)).isEqualTo(Device.cpu());
        assertThat(DeviceChoice.CPU.resolveAll(engine)).containsExactly(Device.cpu());
    }

    @Test
    void a_cuda_libtorch_without_a_visible_gpu_points_at_the_cuda_runtime_and_jna() {
        assertThat(DeviceChoice.whyNoGpu(true)).contains("jna.library.path").contains("nvidia-smi");
        assertThat(DeviceChoice.whyNoGpu(false)).contains("CPU-only").contains("PYTORCH_FLAVOR");
    }
}
