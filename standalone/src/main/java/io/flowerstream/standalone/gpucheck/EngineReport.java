package io.flowerstream.standalone.gpucheck;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine is and sees: its name and PyTorch version, the features the loaded libtorch
 * was built with, the CUDA runtime and each GPU's compute capability and memory, and the device
 * chosen.
 *
 * @param engine        the DJL engine's name
 * @param version       the PyTorch version loaded
 * @param features      which of CUDA, CUDNN, MKL, MKLDNN and OPENMP the libtorch has
 * @param cudaRuntime   the CUDA runtime version DJL sees, empty with no GPU
 * @param gpus          every GPU seen
 * @param device        the device the check runs on
 * @param cores         cores the JVM sees
 * @param cpu           the CPU's model name, from /proc/cpuinfo where there is one
 */
public record EngineReport(
        String engine,
        String version,
        List<String> features,
        String cudaRuntime,
        List<Gpu> gpus,
        String device,
        int cores,
        String cpu) {

    /** DJL's capability names worth knowing for speed. */
    private static final List<String> FEATURES = List.of("CUDA", "CUDNN", "MKL", "MKLDNN", "OPENMP");

    /**
     * One GPU as DJL's CUDA utilities see it.
     *
     * @param index              its device number
     * @param computeCapability  e.g. 90 for an H100/H200
     * @param totalMemoryBytes   its memory
     * @param usedMemoryBytes    memory in use when probed (by anything)
     */
    public record Gpu(int index, String computeCapability, long totalMemoryBytes, long usedMemoryBytes) {}

    /** Probes {@code engine}, which runs the check on {@code device}. */
    static EngineReport probe(Engine engine, Device device, String cpu) {
        List<String> features = new ArrayList<>();
        for (String feature : FEATURES) {
            if (engine.hasCapability(feature)) {
                features.add(feature);
            }
        }
        int count = engine.getGpuCount();
        List<Gpu> gpus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MemoryUsage memory = CudaUtils.getGpuMemory(Device.gpu(i));
            gpus.add(new Gpu(i, CudaUtils.getComputeCapability(i), memory.getMax(), memory.getUsed()));
        }
        return new EngineReport(
                engine.getEngineName(),
                engine.getVersion(),
                features,
                count > 0 ? CudaUtils.getCudaVersionString() : "",
                gpus,
                device.toString(),
                Runtime.getRuntime().availableProcessors(),
                cpu);
    }
}
