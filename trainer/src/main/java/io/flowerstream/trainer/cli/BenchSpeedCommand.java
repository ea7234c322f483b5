package io.flowerstream.trainer.cli;

import ai.djl.Model;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.Architecture;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.trainer.augment.Augmentation;
import io.flowerstream.trainer.data.LabelledImage;
import io.flowerstream.trainer.data.PhotoStore;
import io.flowerstream.trainer.report.ProgressPrinter;
import io.flowerstream.trainer.train.EpochResult;
import io.flowerstream.trainer.train.FlowerTrainer;
import io.flowerstream.trainer.train.TrainingOptions;
import io.flowerstream.trainer.train.TrainingOutcome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer bench-speed}: training images per second through the real training loop (batch
 * pipeline and augmentation included), on random photos, to compare with
 * {@code trainer/bench/pytorch_train.py}. A step's cost does not depend on what the photos show.
 */
@Command(
        name = "bench-speed",
        mixinStandardHelpOptions = true,
        description = "Measure training images/s on random photos: one warm-up pass, then a timed pass of --batches.")
final class BenchSpeedCommand implements Callable<Integer> {

    @Option(names = "--batches", defaultValue = "40", description = "timed steps (default ${DEFAULT-VALUE})")
    int batches;

    @Option(names = "--batch-size", defaultValue = "32")
    int batchSize;

    @Option(names = "--device", defaultValue = "${env:DEVICE:-auto}")
    String device;

    @Option(
            names = "--augmentation",
            defaultValue = "seed",
            description = "sources, seed (what the plain PyTorch script is compared with: its data are ready "
                    + "tensors) or none (default ${DEFAULT-VALUE})")
    String augmentation;

    @Option(names = "--no-augmentation", description = "the same as --augmentation none: how much augmentation costs")
    boolean noAugmentation;

    @Option(
            names = "--architecture",
            defaultValue = "${env:TRAIN_ARCHITECTURE:-flowers-cnn-bn}",
            description = "the network: flowers-cnn-bn or flowers-cnn-seed (env TRAIN_ARCHITECTURE; default "
                    + "${DEFAULT-VALUE})")
    String architecture;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int photos = batches * batchSize;
        PhotoStore store = randomPhotos(photos + batchSize);
        int[] train = IntStream.range(0, photos).toArray();
        int[] validation = IntStream.range(photos, photos + batchSize).toArray();
        Augmentation augmentation = noAugmentation
                ? Augmentation.none()
                : Augmentation.Recipe.of(this.augmentation).augmentation();
        TrainingOptions options = TrainingOptions.builder()
                .epochs(2)
                .batchSize(batchSize)
                .augmentation(augmentation)
                .architecture(Architecture.of(architecture))
                .devices(DeviceChoice.parse(device).resolveAll(DjlRuntime.engine()))
                .build();
        TrainingOutcome outcome;
        try (Model model = FlowerModels.newModel(options.devices()[0], options.architecture())) {
            outcome = new FlowerTrainer(options, ProgressPrinter.toStdout()).train(model, store, train, validation);
        }
        EpochResult timed = outcome.history().get(1);
        out.printf(
                Locale.ROOT,
                "djl %s %s threads %s %s batch %d: %d steps in %.1f s = %.1f images/s (augmentation %s)%n",
                DjlRuntime.ENGINE,
                DjlRuntime.engine().getVersion(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"),
                options.architecture(),
                batchSize,
                batches,
                photos / timed.imagesPerSecond(),
                timed.imagesPerSecond(),
                augmentation.isIdentity() ? "off" : "on, overlapped");
        out.flush();
        return 0;
    }

    private static PhotoStore randomPhotos(int count) {
        SplittableRandom random = new SplittableRandom(1);
        List<LabelledImage> images = new ArrayList<>(count);
        byte[][] pixels = new byte[count][PhotoStore.BYTES_PER_PHOTO];
        for (int i = 0; i < count; i++) {
            String label = FlowerClasses.NAMES.get(i % FlowerClasses.count());
            String id = String.format("%064x", i);
            images.add(new LabelledImage("random/" + label + "/" + i, label, id));
            for (int k = 0; k < PhotoStore.BYTES_PER_PHOTO; k++) {
                pixels[i][k] = (byte) random.nextInt(256);
            }
        }
        return new PhotoStore(images, pixels);
    }
}
