package io.flowerstream.trainer.cli;

import io.flowerstream.model.shift.SourceShift;
import io.flowerstream.trainer.data.Split;
import io.flowerstream.trainer.shift.ShiftedSetBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainer shift-set}: builds the source-shift benchmark's shifted copies of a photo folder. */
@Command(
        name = "shift-set",
        mixinStandardHelpOptions = true,
        description = "Write shifted copies of a folder of labelled photos (a sub-folder per class) under "
                + "OUT/<shift>/<class>/: clean (re-encoded at quality 92), square_128 (128 px centre squares), "
                + "jpeg_q20, colour_cast, blur, off_centre_crop. Score a model on them with shift-eval.")
final class ShiftSetCommand implements Callable<Integer> {

    @Option(
            names = "--images",
            required = true,
            description = "folder with a sub-folder per class; repeat for several (a photo in two is taken once)")
    List<Path> images;

    @Option(
            names = "--split",
            defaultValue = "all",
            description = "all, or only the photos the trainer puts on the validation (or train) side of its split: "
                    + "choose augmentations on the training folders' validation side, never on flowers-eval "
                    + "(default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--out", required = true, description = "where to write the sets (one folder per shift)")
    Path out;

    @Option(
            names = "--shifts",
            split = ",",
            description =
                    "which shifts (default: all): " + "clean, square_128, jpeg_q20, colour_cast, blur, off_centre_crop")
    List<String> shifts;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<SourceShift> chosen = shifts == null || shifts.isEmpty()
                ? Arrays.asList(SourceShift.values())
                : shifts.stream().map(SourceShift::ofTag).toList();
        Split side = switch (split.toLowerCase(java.util.Locale.ROOT)) {
            case "all" -> null;
            case "validation" -> Split.VALIDATION;
            case "train" -> Split.TRAIN;
            default ->
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--split " + split + " is not known: use all, validation or train");
        };
        Map<SourceShift, Integer> written = new ShiftedSetBuilder().build(images, side, out, chosen);
        PrintWriter print = spec.commandLine().getOut();
        written.forEach((shift, count) ->
                print.printf("%-16s %6d photos in %s%n", shift.tag(), count, out.resolve(shift.tag())));
        print.flush();
        return 0;
    }
}
