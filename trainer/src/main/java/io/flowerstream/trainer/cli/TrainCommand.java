package io.flowerstream.trainer.cli;

import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.s3.S3Settings;
import io.flowerstream.trainer.data.FolderImageSource;
import io.flowerstream.trainer.data.ImageSource;
import io.flowerstream.trainer.data.S3ImageSource;
import io.flowerstream.trainer.publish.Announcer;
import io.flowerstream.trainer.publish.KafkaAnnouncer;
import io.flowerstream.trainer.report.HistoryTable;
import io.flowerstream.trainer.report.ProgressPrinter;
import io.flowerstream.trainer.run.RunResult;
import io.flowerstream.trainer.run.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainer train}: one training run, published to the registry, or from folders for benchmarks. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train once on the labelled images in the bucket and publish a new version (or, with --images, "
                + "train on folders and publish nothing).")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    TrainingFlags training;

    @Mixin
    StorageFlags storage;

    @Option(names = "--once", description = "run once and exit (the only mode of train; serve repeats)")
    boolean once;

    @Option(
            names = "--images",
            description = "train on these folders (a sub-folder per class) instead of the bucket; publishes nothing: "
                    + "for benchmarks. Repeatable.")
    List<Path> images;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RunResult result;
        if (images != null && !images.isEmpty()) {
            result = new TrainingRun(
                            new FolderImageSource(images),
                            null,
                            Announcer.NONE,
                            training.settings(),
                            ProgressPrinter.toStdout(),
                            null)
                    .run();
        } else {
            S3Settings s3 = storage.s3();
            ModelRegistry registry = storage.registry(s3);
            ImageSource source = new S3ImageSource(s3.newClient(), s3.bucket());
            try (Announcer announcer = new KafkaAnnouncer(storage.kafka())) {
                result = new TrainingRun(
                                source, registry, announcer, training.settings(), ProgressPrinter.toStdout(), null)
                        .run();
            }
        }
        out.println();
        out.print(
                HistoryTable.render(result.outcome().history(), result.outcome().bestEpoch()));
        out.printf(
                Locale.ROOT,
                "%nbest epoch %d: validation accuracy %.4f on %d photos (trained on %d); %.1f training images/s on %s; "
                        + "run took %.0f s%n",
                result.outcome().bestEpoch(),
                result.outcome().bestValidationAccuracy(),
                result.validationPhotos(),
                result.trainPhotos(),
                result.outcome().imagesPerSecond(),
                result.outcome().device(),
                result.seconds());
        if (result.version() > 0) {
            out.printf(
                    "published version %d: %s%n",
                    result.version(), result.decision().reason());
        }
        out.flush();
        return 0;
    }
}
