package io.flowerstream.model.engine;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Locale;

/**
 * The number format inference runs in: FP32 everywhere (the default), or FP16 weights and
 * inputs on a GPU.
 *
 * <p>DJL 0.36 has no autocast and no TF32 switch for PyTorch, and {@code Block.cast} is not
 * implemented for the blocks the network is built of; what it does expose is casting arrays
 * ({@code NDArray.toType}) and loading a parameter's array ({@code Parameter.load}), which is
 * all that FP16 inference needs. Scores are always computed
 * from FP32 logits. FP16 is not the classifier's default: {@code gpu-check --precision fp16}
 * measures what it gains (docs/gpu.md). On a CPU PyTorch's FP16 convolutions are slow or
 * missing, so it is refused there.
 */
public enum Precision {
    FP32(DataType.FLOAT32),
    FP16(DataType.FLOAT16);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** Parses {@code fp32|fp16} as given to {@code --precision}. */
    public static Precision parse(String text) {
        if (text == null || text.isBlank()) {
            return FP32;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown precision '" + text + "': use fp32 or fp16", e);
        }
    }

    /** The array type network inputs are given in. */
    public DataType dataType() {
        return dataType;
    }

    /**
     * Refuses FP16 on a device other than a GPU, with what to do instead: called before any work
     * is done, so that a long run does not fail half-way.
     */
    public void checkDevice(Device device) {
        if (this != FP32 && !device.isGpu()) {
            throw new IllegalArgumentException("--precision fp16 runs on a GPU only, the model is on " + device
                    + ": use --precision fp32 or --device gpu");
        }
    }

    /**
     * Casts {@code model}'s weights to this precision, once, before any prediction; refuses FP16
     * on a CPU with what to do instead ({@link #checkDevice}).
     */
    public void applyTo(Model model, Device device) {
        checkDevice(device);
        castParameters(model, dataType);
    }

    /**
     * Replaces every parameter of {@code model} with a copy of it in {@code type}, batch norm's
     * running statistics included: the blocks read them from the same arrays, and a
     * half-precision input needs half-precision weights.
     *
     * <p>DJL gives no setter for an initialised parameter's array and {@code NDArray.intern}
     * leaves the Java side believing the old type (it caches it), so the cast array goes in
     * through {@link Parameter#load}, DJL's own way of replacing one: the parameter's saved
     * header followed by the cast array's encoding.
     */
    static void castParameters(Model model, DataType type) {
        for (Pair<String, Parameter> named : model.getBlock().getParameters()) {
            Parameter parameter = named.getValue();
            NDArray array = parameter.getArray();
            if (array.getDataType() == type) {
                continue;
            }
            try (NDArray cast = array.toType(type, false)) {
                parameter.load(
                        array.getManager(), new DataInputStream(new ByteArrayInputStream(encoded(parameter, cast))));
            } catch (IOException | MalformedModelException e) {
                throw new IllegalStateException("could not cast parameter " + named.getKey() + " to " + type, e);
            }
            array.close();
        }
    }

    /** {@code parameter} as {@link Parameter#save} writes it, with {@code values} as its array. */
    private static byte[] encoded(Parameter parameter, NDArray values) throws IOException {
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        parameter.save(new DataOutputStream(saved));
        // The header: the marker char, the version byte and the name as writeUTF writes it.
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        new DataOutputStream(name).writeUTF(parameter.getName());
        int header = Character.BYTES + Byte.BYTES + name.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(saved.toByteArray(), 0, header);
        out.write(values.encode());
        return out.toByteArray();
    }
}
