package io.flowerstream.model.net;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Keras-style summary of a sequential network: one row per layer with its output shape and
 * parameter count, activations folded into the layer before them as Keras shows them.
 */
public final class ModelSummary {

    /** One row of the table. */
    public record Row(String layer, Shape outputShape, long parameters) {}

    private final List<Row> rows;

    private ModelSummary(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** Summarises {@code net} for one input of {@code inputShape} (batch dimension included). */
    public static ModelSummary of(SequentialBlock net, Shape inputShape) {
        try (NDManager manager = NDManager.newBaseManager()) {
            if (!net.isInitialized()) {
                net.initialize(manager, DataType.FLOAT32, inputShape);
            }
            List<Row> rows = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            Shape[] shapes = {inputShape};
            for (Pair<String, Block> child : net.getChildren()) {
                Block block = child.getValue();
                shapes = block.getOutputShapes(shapes);
                if (isActivation(block) && !rows.isEmpty()) {
                    Row previous = rows.remove(rows.size() - 1);
                    rows.add(new Row(previous.layer().replace(")", ", relu)"), shapes[0], previous.parameters()));
                    continue;
                }
                String kind = kind(block);
                int n = seen.merge(kind, 1, Integer::sum) - 1;
                String name = keras(kind) + (n == 0 ? "" : "_" + n);
                rows.add(new Row(name + " (" + kind + ")", shapes[0], parameters(block)));
            }
            return new ModelSummary(rows);
        }
    }

    /** The table rows, in layer order. */
    public List<Row> rows() {
        return rows;
    }

    /** Total trainable parameters. */
    public long totalParameters() {
        return rows.stream().mapToLong(Row::parameters).sum();
    }

    /** The table as Keras prints it. */
    public String render() {
        String line = "_".repeat(72);
        StringBuilder out = new StringBuilder();
        out.append("Model: \"")
                .append(FlowerNet.ARCHITECTURE)
                .append("\"\n")
                .append(line)
                .append('\n');
        out.append(String.format(Locale.ROOT, "%-34s %-24s %12s%n", "Layer (type)", "Output Shape", "Param #"));
        out.append("=".repeat(72)).append('\n');
        for (Row row : rows) {
            out.append(String.format(
                    Locale.ROOT, "%-34s %-24s %,12d%n", row.layer(), kerasShape(row.outputShape()), row.parameters()));
        }
        out.append("=".repeat(72)).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "Total params: %,d%nTrainable params: %,d%nNon-trainable params: 0%n",
                totalParameters(),
                totalParameters()));
        return out.toString();
    }

    /** Keras shows (None, H, W, C); DJL computes (N, C, H, W). */
    private static String kerasShape(Shape shape) {
        if (shape.dimension() == 4) {
            return String.format(Locale.ROOT, "(None, %d, %d, %d)", shape.get(2), shape.get(3), shape.get(1));
        }
        return String.format(Locale.ROOT, "(None, %d)", shape.get(1));
    }

    private static long parameters(Block block) {
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                total += p.getValue().getArray().getShape().size();
            }
        }
        return total;
    }

    private static boolean isActivation(Block block) {
        // Activation.reluBlock() is a LambdaBlock named after the activation.
        return block instanceof LambdaBlock
                && block.toString().toLowerCase(Locale.ROOT).contains("relu");
    }

    private static String kind(Block block) {
        if (block instanceof Conv2d) {
            return "Conv2D";
        } else if (block instanceof Linear) {
            return "Dense";
        } else if (block instanceof LambdaBlock
                && block.toString().toLowerCase(Locale.ROOT).contains("pool")) {
            return "MaxPooling2D";
        } else if (block instanceof LambdaBlock) {
            return "Flatten";
        }
        return block.getClass().getSimpleName();
    }

    private static String keras(String kind) {
        return switch (kind) {
            case "Conv2D" -> "conv2d";
            case "Dense" -> "dense";
            case "MaxPooling2D" -> "max_pooling2d";
            case "Flatten" -> "flatten";
            default -> kind.toLowerCase(Locale.ROOT);
        };
    }
}
