package io.flowerstream.model.net;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.flowerstream.model.engine.DjlRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Creates the flower network as a DJL {@link Model} and moves its weights to and from the bytes
 * stored as a version's {@code model.params}.
 *
 * <p>The params are DJL's own block serialisation (a version byte, the input shapes, then each
 * parameter's shape and data), so loading them checks every tensor's shape against the network:
 * params of another architecture are refused, not half-loaded.
 */
public final class FlowerModels {

    /** The model name used in the registry and on {@code flowers.models}. */
    public static final String DEFAULT_NAME = "flowers-cnn";

    private FlowerModels() {}

    /** A fresh, randomly initialised network on {@code device}. Close it when done. */
    public static Model newModel(Device device) {
        Model model = Model.newInstance(DEFAULT_NAME, device, DjlRuntime.ENGINE);
        Block net = FlowerNet.build();
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, FlowerNet.inputShape(1));
        return model;
    }

    /**
     * A fresh network whose initial weights, and every later draw of the engine's generator (dropout),
     * follow {@code seed}: two runs with the same seed start from the same weights, so a quality figure
     * is set by its epochs and seeds. The generator is the engine's, one per process.
     */
    public static Model newModel(Device device, long seed) {
        DjlRuntime.engine().setRandomSeed(Long.hashCode(seed));
        return newModel(device);
    }

    /** A network on {@code device} with weights from {@code params}. Close it when done. */
    public static Model load(byte[] params, Device device, String source) throws MalformedModelException {
        DjlRuntime.configureOffline();
        Model model = Model.newInstance(DEFAULT_NAME, device, DjlRuntime.ENGINE);
        Block net = FlowerNet.build();
        model.setBlock(net);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            net.loadParameters(model.getNDManager(), in);
            if (in.read() != -1) {
                throw new MalformedModelException(source + ": model.params has bytes after the last parameter");
            }
            return model;
        } catch (IOException | RuntimeException | MalformedModelException e) {
            model.close();
            if (e instanceof MalformedModelException m) {
                throw m;
            }
            throw new MalformedModelException(
                    source + ": model.params is not the " + FlowerNet.ARCHITECTURE + " network's weights ("
                            + e.getMessage() + "); republish it or pin another version",
                    e);
        }
    }

    /** The weights of {@code model} as {@code model.params} bytes. */
    public static byte[] saveParams(Model model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(17 * 1024 * 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.getBlock().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise the network's weights", e);
        }
        return bytes.toByteArray();
    }
}
