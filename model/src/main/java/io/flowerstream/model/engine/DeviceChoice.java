package io.flowerstream.model.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which device to compute on: the GPU when the engine sees one, else the CPU, or forced. */
public enum DeviceChoice {
    AUTO,
    CPU,
    GPU;

    private static final Logger LOG = LoggerFactory.getLogger(DeviceChoice.class);

    /** Parses {@code auto|cpu|gpu} as given to {@code --device} or {@code DEVICE}. */
    public static DeviceChoice parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown device '" + text + "': use auto, cpu or gpu", e);
        }
    }

    /** The devices this choice means on {@code engine}: every GPU for AUTO/GPU when present. */
    public Device[] resolveAll(Engine engine) {
        int gpus = engine.getGpuCount();
        if (this == GPU && gpus == 0) {
            throw new IllegalStateException("--device gpu was asked for, but " + engine.getEngineName() + " "
                    + engine.getVersion() + " sees no GPU: " + whyNoGpu(engine.hasCapability("CUDA"))
                    + "; or use --device auto to run on the CPU");
        }
        if (this == CPU || gpus == 0) {
            return new Device[] {Device.cpu()};
        }
        Device[] devices = new Device[gpus];
        for (int i = 0; i < gpus; i++) {
            devices[i] = Device.gpu(i);
        }
        return devices;
    }

    /**
     * What to check when a GPU was asked for and none is seen. DJL counts GPUs only when the
     * loaded libtorch was built with CUDA and, separately, when JNA can load {@code cudart}.
     */
    static String whyNoGpu(boolean libtorchHasCuda) {
        return libtorchHasCuda
                ? "the libtorch loaded has CUDA, but DJL found no usable GPU through the CUDA runtime: check that "
                        + "nvidia-smi lists one, and that JNA finds libcudart (-Djna.library.path=<folder holding "
                        + "libcudart.so.N>)"
                : "the libtorch loaded is CPU-only: use the CUDA image (docs/gpu.md), or set PYTORCH_FLAVOR to a cu* "
                        + "flavor whose natives are in ENGINE_CACHE_DIR, or PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and "
                        + "PYTORCH_FLAVOR to a CUDA libtorch";
    }

    /** The one device to run on (the first GPU where there are several), logged once. */
    public Device resolve(Engine engine) {
        Device device = resolveAll(engine)[0];
        LOG.info(
                "device {} (asked: {}, GPUs seen by {} {}: {})",
                device,
                name().toLowerCase(Locale.ROOT),
                engine.getEngineName(),
                engine.getVersion(),
                engine.getGpuCount());
        return device;
    }
}
