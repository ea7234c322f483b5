package io.flowerstream.trainer.cli;

import ai.djl.Model;
import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.trainer.shift.DocMarkers;
import io.flowerstream.trainer.shift.ShiftBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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

    @Option(names = "--doc", description = "a Markdown file to write the table into, between its source-shift markers")
    Path doc;

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
        List<ShiftBenchmark.Row> rows;
        try (Model model = FlowerModels.load(params, DeviceChoice.parse(device).resolve(DjlRuntime.engine()), source)) {
            rows = ShiftBenchmark.run(model, shifted, batchSize, 2);
        }
        String table = ShiftBenchmark.table(rows, source + " on " + shifted.getFileName(), DocMarkers.cpuModel());
        PrintWriter out = spec.commandLine().getOut();
        out.print(table);
        out.flush();
        if (doc != null) {
            DocMarkers.replace(doc, "source-shift", table + "\nWritten by `trainer shift-eval --doc`.\n");
        }
        return 0;
    }
}
