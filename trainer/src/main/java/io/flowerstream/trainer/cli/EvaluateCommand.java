package io.flowerstream.trainer.cli;

import ai.djl.Model;
import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.trainer.calibrate.AbstainRule;
import io.flowerstream.trainer.calibrate.VersionCalibration;
import io.flowerstream.trainer.data.FolderImageSource;
import io.flowerstream.trainer.data.PhotoLoader;
import io.flowerstream.trainer.data.PhotoStore;
import io.flowerstream.trainer.train.Evaluation;
import io.flowerstream.trainer.train.Scorer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainer evaluate}: how a published version (or a params file) does on a folder of labelled photos. */
@Command(
        name = "evaluate",
        description = "Print accuracy, per-class precision and recall, the confusion matrix and the expected "
                + "calibration error before and after calibration of a model on a folder of labelled photos (a "
                + "sub-folder per class).")
final class EvaluateCommand implements Callable<Integer> {

    // Not mixinStandardHelpOptions: its -V/--version would take the --version of a model version.
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    boolean help;

    @ArgGroup(multiplicity = "1")
    ModelWeights weights;

    @Option(names = "--images", required = true, description = "folder with a sub-folder per class")
    Path images;

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

    /**
     * Expected calibration error before and after calibration: with the version's stored temperature
     * when it has one, else with one fitted on these very photos (said so, since that flatters it).
     */
    static String calibrationReport(Evaluation evaluation, Calibration stored, String source) {
        if (stored != null) {
            return "calibration (" + source + "'s stored temperature): "
                    + VersionCalibration.of(evaluation, stored).summary();
        }
        return "calibration (" + source + " has none stored; temperature fitted on these photos, so the 'after' figure "
                + "is optimistic): "
                + VersionCalibration.fit(evaluation, AbstainRule.defaults()).summary();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelWeights.Loaded loaded = weights.load(storage);
        byte[] params = loaded.params();
        String source = loaded.source();
        Calibration stored = loaded.calibration();
        FolderImageSource folder = new FolderImageSource(java.util.List.of(images));
        PhotoStore store = new PhotoLoader(2).load(folder, folder.list());
        Evaluation evaluation;
        try (Model model = FlowerModels.load(params, DeviceChoice.parse(device).resolve(DjlRuntime.engine()), source)) {
            evaluation = Scorer.evaluate(
                    model, store, IntStream.range(0, store.size()).toArray(), batchSize);
        }
        out.printf("%s on %s%n", source, images);
        out.print(evaluation.render());
        out.println();
        out.println(calibrationReport(evaluation, stored, source));
        out.flush();
        return 0;
    }
}
