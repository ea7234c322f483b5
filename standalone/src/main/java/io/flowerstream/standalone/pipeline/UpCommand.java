package io.flowerstream.standalone.pipeline;

import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.standalone.local.LocalPrometheus;
import io.flowerstream.standalone.status.StatusView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./flowerstream up}: the whole pipeline on this machine, until Ctrl-C or {@code --exit-after}. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the whole pipeline on this machine: an embedded Kafka broker and S3 server (data under --data-dir, so "
                    + "a second start resumes), the ingest endpoint and archiver, the trainer and the classifier.",
            "The labelled part of the photos (3 in 4) is ingested and the first model trained; the rest then streams "
                    + "through the classifier as unlabelled traffic with its true labels following on "
                    + "flowers.feedback, so online accuracy is live. Without --images a synthetic flower set is "
                    + "rendered."
        })
public final class UpCommand implements Callable<Integer> {

    @Option(
            names = "--images",
            paramLabel = "DIR",
            description = "a folder per class of photos (the seed's layout); default: a synthetic set")
    Path images;

    @Option(
            names = "--per-class",
            defaultValue = "0",
            description = "photos per class to use from --images (0: all), or to render without it (default: 100)")
    int perClass;

    @Option(
            names = "--data-dir",
            defaultValue = ".flowerstream",
            description = "where everything keeps its data (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
            names = "--exit-after",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "stop once N of the streamed (held-back) images were classified; -1: all of them; 0: run until "
                            + "Ctrl-C")
    long exitAfter;

    @Option(
            names = "--with-prometheus",
            description = "also start Debian's prometheus on 127.0.0.1 scraping every service")
    boolean withPrometheus;

    @Option(
            names = "--epochs",
            defaultValue = "6",
            description = "epochs of each training run (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(
            names = "--training-minutes",
            defaultValue = "4",
            description = "longest a training run may take (default: ${DEFAULT-VALUE})")
    int trainingMinutes;

    @Option(
            names = "--retrain-every",
            defaultValue = "PT30M",
            description = "longest time between training runs (default: ${DEFAULT-VALUE})")
    Duration retrainEvery;

    @Option(
            names = "--rate",
            defaultValue = "5",
            description = "held-back images streamed per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(
            names = "--feedback-delay-seconds",
            defaultValue = "3",
            description = "how long after an image its true label follows (default: ${DEFAULT-VALUE})")
    int feedbackDelaySeconds;

    @Option(
            names = "--device",
            defaultValue = "${env:DEVICE:-auto}",
            description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "(default: ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--s3-port", defaultValue = "9000", description = "(default: ${DEFAULT-VALUE})")
    int s3Port;

    @Option(names = "--ingest-port", defaultValue = "8081", description = "(default: ${DEFAULT-VALUE})")
    int ingestPort;

    @Option(names = "--classifier-port", defaultValue = "9402", description = "(default: ${DEFAULT-VALUE})")
    int classifierPort;

    @Option(names = "--trainer-port", defaultValue = "9403", description = "(default: ${DEFAULT-VALUE})")
    int trainerPort;

    @Option(names = "--prometheus-port", defaultValue = "9090", description = "(default: ${DEFAULT-VALUE})")
    int prometheusPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StandaloneSettings settings = settings();
        boolean terminal = System.console() != null;
        StandalonePipeline pipeline = new StandalonePipeline(settings, System.out);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    pipeline.close();
                    done.countDown();
                },
                "flowerstream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            pipeline.start();
            StatusView status = pipeline.statusView(terminal);
            Duration tick = terminal ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
            while (!done.await(tick.toMillis(), TimeUnit.MILLISECONDS)) {
                status.tick();
                if (settings.exitAfter() != 0 && pipeline.streamed().classified() >= target(pipeline)) {
                    System.out.printf(
                            "%d streamed images classified (--exit-after %d): stopping%n",
                            pipeline.streamed().classified(), settings.exitAfter());
                    break;
                }
            }
            status.tick();
            return 0;
        } finally {
            pipeline.close();
            if (done.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    /** How many streamed images must be classified: N, or all of them for -1 or an N above their number. */
    private static long target(StandalonePipeline pipeline) {
        long all = pipeline.streamed().expected();
        long asked = pipeline.settings().exitAfter();
        return asked < 0 || asked > all ? all : asked;
    }

    private StandaloneSettings settings() throws Exception {
        if (images != null && !Files.isDirectory(images)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--images " + images + " is not a folder: give a folder with one sub-folder of photos per class");
        }
        if (withPrometheus && !LocalPrometheus.available()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--with-prometheus needs prometheus on the PATH: apt-get install prometheus, or leave the flag "
                            + "out");
        }
        if (rate <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be positive, was " + rate);
        }
        int count = perClass > 0 ? perClass : images == null ? 100 : 0;
        return StandaloneSettings.builder()
                .dataDir(Files.createDirectories(dataDir).toAbsolutePath())
                .imagesDir(images)
                .perClass(count)
                .kafkaPort(kafkaPort)
                .s3Port(s3Port)
                .ingestPort(ingestPort)
                .classifierPort(classifierPort)
                .trainerPort(trainerPort)
                .prometheusPort(withPrometheus ? prometheusPort : -1)
                .epochs(epochs)
                .trainingBudget(Duration.ofMinutes(trainingMinutes))
                .retrainEvery(retrainEvery)
                .imagesPerSecond(rate)
                .feedbackDelay(Duration.ofSeconds(feedbackDelaySeconds))
                .exitAfter(exitAfter)
                .device(DeviceChoice.parse(device))
                .build();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new UpCommand()).execute(args));
    }
}
