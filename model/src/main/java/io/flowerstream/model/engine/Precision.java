package io.flowerstream.model.engine;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The number format inference runs in: FP32 everywhere (the default), or FP16 weights and
 * inputs on a GPU.
 *
 * <p>DJL 0.36 has no autocast and no TF32 switch for PyTorch; what it does expose is casting a
 * block's parameters ({@code Block.cast}) and arrays ({@code NDArray.toType}), which is all that
 * FP16 inference needs. Scores are always computed from FP32 logits. FP16 is not the default
 * because nothing has measured it on a GPU here yet: {@code gpu-check --precision fp16} does.
 * On a CPU PyTorch's FP16 convolutions are slow or missing, so it is refused there.
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
     * Casts {@code model}'s weights to this precision, once, before any prediction; refuses FP16
     * on a CPU with what to do instead.
     */
    public void applyTo(Model model, Device device) {
        if (this == FP32) {
            return;
        }
        if (!device.isGpu()) {
            throw new IllegalArgumentException("--precision fp16 runs on a GPU only, the model is on " + device
                    + ": use --precision fp32 or --device gpu");
        }
        model.getBlock().cast(dataType);
    }
}
