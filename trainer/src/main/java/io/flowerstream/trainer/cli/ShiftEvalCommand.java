package io.flowerstream.trainer.cli;

import ai.djl.Device;
import ai.djl.Model;
import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.trainer.shift.DocMarkers;
import io.flowerstream.trainer.shift.ShiftBenchmark;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainer shift-eval}: accuracy of one model on each set {@code shift-set} built. */
@Command(
        name = "shift-eval",
        description =
                "Print the accuracy of a model on each shifted set under --shifted (from shift-set), the mean over the "
                        + "shifts and its gap to the clean set; with --doc, also write the table between the <!-- "
                        + "source-shift:begin --> and <!-- source-shift:end --> markers of that file.")
final class ShiftEvalCommand implements Callable<Integer> {

    // Not mixinStandardHelpOptions: its -V/--version would take the --version of a model version.
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    boolean help;

    @ArgGroup(multiplicity = "1")
    ModelWeights weights;

    @Option(names = "--shifted", required = true, description = "the --out folder of shift-set")
    Path shifted;

    @Option(
            names = "--label",
            description = "the model's column heading (default: accuracy, or where the weights came from with --also)")
    String label;

    @Option(
            names = "--also",
            paramLabel = "LABEL=FILE",
            description = "another model's params file, scored on the same sets as a column headed LABEL beside the "
                    + "first (repeat for more): recipes side by side")
    Map<String, Path> also = new LinkedHashMap<>();

    @Option(names = "--doc", description = "a Markdown file to write the table into, between its source-shift markers")
    Path doc;

    @Option(
            names = "--section",
            defaultValue = "source-shift",
            description = "the markers' name in --doc: <!-- NAME:begin --> and <!-- NAME:end --> (default "
                    + "${DEFAULT-VALUE})")
    String section;

    @Option(names = "--batch-size", defaultValue = "32")
    int batchSize;

    @Option(
            names = "--device",
            defaultValue = "${env:DEVICE:-auto}",
            description = "auto, cpu or gpu (default ${DEFAULT-VALUE})")
    String device;

    @Mixin
    StorageFlags storage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelWeights.Loaded loaded = weights.load(storage);
        byte[] params = loaded.params();
        String source = loaded.source();
        Device on = DeviceChoice.parse(device).resolve(DjlRuntime.engine());
        List<ShiftBenchmark.Column> columns = new ArrayList<>();
        try (Model model = FlowerModels.load(params, on, source)) {
            String heading = label != null ? label : also.isEmpty() ? "accuracy" : source;
            columns.add(new ShiftBenchmark.Column(heading, ShiftBenchmark.run(model, shifted, batchSize, 2)));
        }
        for (Map.Entry<String, Path> other : also.entrySet()) {
            if (!Files.isRegularFile(other.getValue())) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--also " + other.getKey() + "=" + other.getValue() + ": no such file; give a params file "
                                + "written by trainer train --save-params");
            }
            try (Model model = FlowerModels.load(
                    Files.readAllBytes(other.getValue()), on, other.getValue().toString())) {
                columns.add(
                        new ShiftBenchmark.Column(other.getKey(), ShiftBenchmark.run(model, shifted, batchSize, 2)));
            }
        }
        List<String> files = new ArrayList<>(List.of(source));
        also.values().forEach(file -> files.add(file.toString()));
        String title = (columns.size() == 1 ? "Model " : "Models ") + String.join(", ", files) + " on "
                + shifted.getFileName();
        String table = ShiftBenchmark.sideBySide(columns, title, DocMarkers.cpuModel());
        PrintWriter out = spec.commandLine().getOut();
        out.print(table);
        out.flush();
        if (doc != null) {
            DocMarkers.replace(doc, section, table + "\nWritten by `trainer shift-eval --doc`.\n");
        }
        return 0;
    }
}
