package io.flowerstream.model.net;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.flowerstream.model.engine.DjlRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Creates the flower network as a DJL {@link Model} and moves its weights to and from the bytes
 * stored as a version's {@code model.params}.
 *
 * <p>The params are DJL's own block serialisation (a version byte, the input shapes, then each
 * parameter's shape and data); loading them checks every tensor's shape against the network's
 * ({@link Architecture}), so params of another architecture are refused, not half-loaded.
 */
public final class FlowerModels {

    /** The model name used in the registry and on {@code flowers.models}. */
    public static final String DEFAULT_NAME = "flowers-cnn";

    private static final String ARCHITECTURE_PROPERTY = "architecture";

    /** The default first: nearly every version is one, and trying another builds and fills a whole network. */
    private static final List<Architecture> LOAD_ORDER = Stream.concat(
                    Stream.of(Architecture.DEFAULT),
                    Arrays.stream(Architecture.values()).filter(a -> a != Architecture.DEFAULT))
            .toList();

    private FlowerModels() {}

    /** The network of a model made or loaded here. */
    public static Architecture architectureOf(Model model) {
        return Architecture.of(model.getProperty(ARCHITECTURE_PROPERTY));
    }

    /** A fresh, randomly initialised network of the default architecture on {@code device}. Close it when done. */
    public static Model newModel(Device device) {
        return newModel(device, Architecture.DEFAULT);
    }

    /** A fresh, randomly initialised {@code architecture} network on {@code device}. Close it when done. */
    public static Model newModel(Device device, Architecture architecture) {
        Model model = Model.newInstance(DEFAULT_NAME, device, DjlRuntime.ENGINE);
        Block net = architecture.build();
        model.setBlock(net);
        model.setProperty(ARCHITECTURE_PROPERTY, architecture.id());
        net.initialize(model.getNDManager(), DataType.FLOAT32, FlowerNet.inputShape(1));
        return model;
    }

    /**
     * A fresh network whose initial weights, and every later draw of the engine's generator (dropout),
     * follow {@code seed}: two runs with the same seed start from the same weights, so a quality figure
     * is set by its epochs and seeds. The generator is the engine's, one per process.
     */
    public static Model newModel(Device device, long seed) {
        return newModel(device, seed, Architecture.DEFAULT);
    }

    /** A fresh, seeded {@code architecture} network (see {@link #newModel(Device, long)}). */
    public static Model newModel(Device device, long seed, Architecture architecture) {
        DjlRuntime.engine().setRandomSeed(Long.hashCode(seed));
        return newModel(device, architecture);
    }

    /**
     * A network on {@code device} with weights from {@code params}, of whichever known architecture
     * they fit (tried in turn: the params carry no name, and weights of one network never fit another's
     * shapes). For params without metadata, such as {@code --params FILE}. Close it when done.
     */
    public static Model load(byte[] params, Device device, String source) throws MalformedModelException {
        StringBuilder reasons = new StringBuilder();
        for (Architecture architecture : LOAD_ORDER) {
            try {
                return load(params, architecture, device, source);
            } catch (MalformedModelException e) {
                reasons.append(reasons.isEmpty() ? "" : "; ").append(e.getMessage());
            }
        }
        throw new MalformedModelException(source + ": model.params fits none of the known networks (" + reasons
                + "); republish it or pin another version");
    }

    /**
     * A network of {@code architecture} on {@code device} with weights from {@code params}. Every
     * parameter's shape is checked against the network's own: DJL would take weights of another shape
     * without complaint and fail only at the first forward pass. Close it when done.
     */
    public static Model load(byte[] params, Architecture architecture, Device device, String source)
            throws MalformedModelException {
        DjlRuntime.configureOffline();
        Model model = Model.newInstance(DEFAULT_NAME, device, DjlRuntime.ENGINE);
        Block net = architecture.build();
        model.setBlock(net);
        model.setProperty(ARCHITECTURE_PROPERTY, architecture.id());
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            net.initialize(model.getNDManager(), DataType.FLOAT32, FlowerNet.inputShape(1));
            List<Shape> expected = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                expected.add(p.getValue().getArray().getShape());
            }
            net.loadParameters(model.getNDManager(), in);
            if (in.read() != -1) {
                throw new MalformedModelException(
                        source + ": model.params has bytes after the last parameter of " + architecture);
            }
            int i = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                Shape shape = p.getValue().getArray().getShape();
                if (!shape.equals(expected.get(i++))) {
                    throw new MalformedModelException(source + ": model.params gives " + p.getKey() + " the shape "
                            + shape + ", where " + architecture + " has " + expected.get(i - 1));
                }
            }
            return model;
        } catch (IOException | RuntimeException | MalformedModelException e) {
            model.close();
            if (e instanceof MalformedModelException m && m.getMessage().startsWith(source)) {
                throw m;
            }
            throw new MalformedModelException(
                    source + ": model.params is not the " + architecture + " network's weights (" + e.getMessage()
                            + "); republish it or pin another version",
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
