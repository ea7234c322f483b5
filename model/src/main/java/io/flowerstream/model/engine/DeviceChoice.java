package io.flowerstream.model.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which device to compute on: the GPU when the engine sees one, else the CPU, or forced. */
public enum DeviceChoice {
    AUTO, CPU, GPU;

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
            throw new IllegalStateException("--device gpu was asked for, but PyTorch sees no GPU: "
                    + "check the CUDA driver and that a pytorch-native-cu* jar is on the classpath, or use --device auto");
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

    /** The one device to run on (the first GPU where there are several), logged once. */
    public Device resolve(Engine engine) {
        Device device = resolveAll(engine)[0];
        LOG.info("device {} (asked: {}, GPUs seen by {} {}: {})", device, name().toLowerCase(Locale.ROOT),
                engine.getEngineName(), engine.getVersion(), engine.getGpuCount());
        return device;
    }
}
