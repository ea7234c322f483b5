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
import ai.djl.nn.norm.BatchNorm;
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

    /** Table width: the longest layer, "batch_normalization_4 (BatchNormalization, relu)", fits. */
    private static final int WIDTH = 86;

    private final String name;
    private final List<Row> rows;
    private final long frozen;

    private ModelSummary(String name, List<Row> rows, long frozen) {
        this.name = name;
        this.rows = List.copyOf(rows);
        this.frozen = frozen;
    }

    /** Summarises a fresh {@code architecture} network for one input of {@code inputShape} (batch dimension in it). */
    public static ModelSummary of(Architecture architecture, Shape inputShape) {
        SequentialBlock net = architecture.build();
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, inputShape);
            List<Row> rows = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            Shape[] shapes = {inputShape};
            long frozen = 0;
            for (Block block : layers(net)) {
                shapes = block.getOutputShapes(shapes);
                for (Pair<String, Parameter> p : block.getParameters()) {
                    if (!p.getValue().requiresGradient()) {
                        frozen += p.getValue().getArray().getShape().size();
                    }
                }
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
            return new ModelSummary(architecture.id(), rows, frozen);
        }
    }

    /** The network's layers in order, with nested sequential blocks (a convolution's stage) opened up. */
    private static List<Block> layers(SequentialBlock net) {
        List<Block> layers = new ArrayList<>();
        for (Pair<String, Block> child : net.getChildren()) {
            if (child.getValue() instanceof SequentialBlock stage) {
                layers.addAll(layers(stage));
            } else {
                layers.add(child.getValue());
            }
        }
        return layers;
    }

    /** The table rows, in layer order. */
    public List<Row> rows() {
        return rows;
    }

    /** Parameters no gradient changes: batch normalisation's running means and variances. */
    public long nonTrainableParameters() {
        return frozen;
    }

    /** Total trainable parameters. */
    public long totalParameters() {
        return rows.stream().mapToLong(Row::parameters).sum();
    }

    /** The table as Keras prints it. */
    public String render() {
        String line = "_".repeat(WIDTH);
        StringBuilder out = new StringBuilder();
        out.append("Model: \"").append(name).append("\"\n").append(line).append('\n');
        out.append(String.format(Locale.ROOT, "%-50s %-22s %12s%n", "Layer (type)", "Output Shape", "Param #"));
        out.append("=".repeat(WIDTH)).append('\n');
        for (Row row : rows) {
            out.append(String.format(
                    Locale.ROOT, "%-50s %-22s %,12d%n", row.layer(), kerasShape(row.outputShape()), row.parameters()));
        }
        out.append("=".repeat(WIDTH)).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "Total params: %,d%nTrainable params: %,d%nNon-trainable params: %,d%n",
                totalParameters() + frozen,
                totalParameters(),
                frozen));
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
                && block.toString().toLowerCase(Locale.ROOT).contains("globalavgpool")) {
            return "GlobalAveragePooling2D";
        } else if (block instanceof LambdaBlock
                && block.toString().toLowerCase(Locale.ROOT).contains("pool")) {
            return "MaxPooling2D";
        } else if (block instanceof BatchNorm) {
            return "BatchNormalization";
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
            case "GlobalAveragePooling2D" -> "global_average_pooling2d";
            case "BatchNormalization" -> "batch_normalization";
            default -> kind.toLowerCase(Locale.ROOT);
        };
    }
}
