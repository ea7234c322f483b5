package io.flowerstream.standalone.gpucheck;

import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.Precision;
import io.flowerstream.trainer.shift.DocMarkers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./flowerstream gpu-check}: what the engine sees, then training, the batched predictor and
 * the classifier end to end on the chosen device, with generated pictures; one JSON file and a
 * short table. {@code --device gpu} fails when no GPU is seen instead of measuring the CPU.
 */
@Command(
        name = "gpu-check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print the engine, the PyTorch version and the GPUs seen; train the seed's network, sweep the batched "
                    + "predictor over batch sizes and run the classifier end to end through an embedded Kafka broker, "
                    + "all on the chosen device with generated pictures; write every figure as JSON and print a short "
                    + "table.",
            "Exit status: 0 done; 1 a part failed; 2 --device gpu and no GPU seen; 3 --check-goals and a goal missed."
        })
public final class GpuCheckCommand implements Callable<Integer> {

    @Option(
            names = "--device",
            defaultValue = "auto",
            description = "auto, cpu or gpu; gpu fails when no GPU is seen (default: ${DEFAULT-VALUE})")
    String device;

    @Option(
            names = "--precision",
            defaultValue = "fp32",
            description =
                    "fp32 or fp16 (GPU only) for the predictor sweep; the classifier end to end runs fp32 (default: "
                            + "${DEFAULT-VALUE})")
    String precision;

    @Option(
            names = "--cudnn-benchmark",
            description = "let cuDNN time its convolution algorithms per input shape (ai.djl.pytorch.cudnn_benchmark)")
    boolean cudnnBenchmark;

    @Option(
            names = "--photos",
            defaultValue = "200",
            description = "distinct generated pictures (default: ${DEFAULT-VALUE})")
    int photos;

    @Option(
            names = "--train-batch",
            defaultValue = "128",
            description = "images per training step (default: ${DEFAULT-VALUE})")
    int trainBatch;

    @Option(
            names = "--train-epochs",
            defaultValue = "3",
            description = "training epochs, at least 2 (default: ${DEFAULT-VALUE})")
    int trainEpochs;

    @Option(
            names = "--train-steps",
            defaultValue = "40",
            description = "training steps per epoch (default: ${DEFAULT-VALUE})")
    int trainSteps;

    @Option(
            names = "--batch-sizes",
            split = ",",
            defaultValue = "1,2,4,8,16,32,64,128,256",
            description = "the predictor sweep's batch sizes (default: ${DEFAULT-VALUE})")
    List<Integer> batchSizes;

    @Option(
            names = "--seconds-per-batch",
            defaultValue = "2",
            description = "seconds on each batch size of the sweep (default: ${DEFAULT-VALUE})")
    double secondsPerBatch;

    @Option(
            names = "--images",
            defaultValue = "20000",
            description = "images published at once through the classifier (default: ${DEFAULT-VALUE})")
    int images;

    @Option(
            names = "--latency-seconds",
            defaultValue = "10",
            description = "length of the half-rate latency run (default: ${DEFAULT-VALUE})")
    double latencySeconds;

    @Option(
            names = "--partitions",
            defaultValue = "-1",
            description = "partitions of flowers.images; -1: one per core, at least 2")
    int partitions;

    @Option(
            names = "--stream-threads",
            defaultValue = "1",
            description = "the classifier's Kafka Streams threads (default: ${DEFAULT-VALUE})")
    int streamThreads;

    @Option(
            names = "--decode-threads",
            defaultValue = "-1",
            description = "the classifier's decode threads; -1: one per core")
    int decodeThreads;

    @Option(
            names = "--json",
            defaultValue = "gpu-check.json",
            description = "where to write every figure (default: ${DEFAULT-VALUE})")
    Path json;

    @Option(
            names = "--check-goals",
            description = "exit 3 unless every goal below is met (prints PASS/FAIL either way)")
    boolean checkGoals;

    @Option(
            names = "--goal-predictor",
            defaultValue = "20000",
            description = "images/s of the predictor at its best batch (default: ${DEFAULT-VALUE})")
    double goalPredictor;

    @Option(
            names = "--goal-end-to-end",
            defaultValue = "5000",
            description = "images/s end to end through Kafka (default: ${DEFAULT-VALUE})")
    double goalEndToEnd;

    @Option(
            names = "--goal-training",
            defaultValue = "1500",
            description = "training images/s (default: ${DEFAULT-VALUE})")
    double goalTraining;

    @Option(
            names = "--from",
            paramLabel = "JSON",
            description = "measure nothing: print the table of an earlier run's --json file (and write it with --doc)")
    Path from;

    @Option(
            names = "--doc",
            paramLabel = "FILE",
            description = "also write the table into this Markdown file between the --section markers")
    Path doc;

    @Option(
            names = "--section",
            defaultValue = "gpu-check",
            description = "the markers' name in --doc: <!-- NAME:begin --> ... <!-- NAME:end --> (default: "
                    + "${DEFAULT-VALUE})")
    String section;

    /** The settings these flags give, on a machine with {@code cores} cores. */
    GpuCheckSettings settings(int cores) {
        return GpuCheckSettings.builder()
                .device(DeviceChoice.parse(device))
                .precision(Precision.parse(precision))
                .photos(photos)
                .trainBatch(trainBatch)
                .trainEpochs(trainEpochs)
                .trainSteps(trainSteps)
                .batchSizes(batchSizes)
                .secondsPerBatch(secondsPerBatch)
                .endToEndImages(images)
                .latencySeconds(latencySeconds)
                .partitions(partitions < 0 ? Math.max(2, cores) : partitions)
                .streamThreads(streamThreads)
                .decodeThreads(decodeThreads < 0 ? cores : decodeThreads)
                .goals(new Goals(goalPredictor, goalEndToEnd, goalTraining))
                .build();
    }

    @Override
    public Integer call() throws Exception {
        if (from != null) {
            return report(GpuCheckReport.readJson(from), "the table of " + from);
        }
        GpuCheckSettings settings;
        try {
            settings = settings(Runtime.getRuntime().availableProcessors());
        } catch (IllegalArgumentException e) {
            System.err.println("gpu-check: " + e.getMessage());
            return 1;
        }
        if (cudnnBenchmark) {
            // Read once, when the engine starts: set before anything touches DJL.
            System.setProperty("ai.djl.pytorch.cudnn_benchmark", "true");
        }
        GpuCheckResult result;
        try {
            result = new GpuCheck(settings, System.out).run();
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains("--device gpu was asked for")) {
                System.err.println("gpu-check: " + e.getMessage());
                return 2;
            }
            throw e;
        } catch (IllegalArgumentException e) {
            // a setting the device refuses (fp16 on a CPU), found before anything ran
            System.err.println("gpu-check: " + e.getMessage());
            return 1;
        }
        GpuCheckReport.writeJson(result, json);
        System.out.println("gpu-check: every figure in " + json.toAbsolutePath());
        return report(result, "measured");
    }

    /** Prints the table, writes it into --doc when asked, and gives the exit status the result earns. */
    private int report(GpuCheckResult result, String origin) throws IOException {
        String table = GpuCheckReport.table(result);
        System.out.print(table);
        if (doc != null) {
            DocMarkers.replace(
                    doc,
                    section,
                    "```\n" + table + "```\n\nWritten by `./flowerstream gpu-check --doc " + doc + " --section "
                            + section + (from == null ? "" : " --from " + from) + "` (" + origin + ").\n");
            System.out.println("gpu-check: wrote the table into " + doc + " (section " + section + ")");
        }
        if (!result.training().lossFell()
                || result.endToEnd().classified() < result.endToEnd().images()) {
            System.err.println(
                    "gpu-check: the training loss did not fall or not every image was classified: see " + "above");
            return 1;
        }
        return checkGoals && !result.goalsMet() ? 3 : 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GpuCheckCommand()).execute(args));
    }
}
