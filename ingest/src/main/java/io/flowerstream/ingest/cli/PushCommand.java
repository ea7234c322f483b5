package io.flowerstream.ingest.cli;

import io.flowerstream.ingest.check.CheckMode;
import io.flowerstream.ingest.metrics.IngestMetrics;
import io.flowerstream.ingest.publish.BrokerProbe;
import io.flowerstream.ingest.publish.BrokerUnreachableException;
import io.flowerstream.ingest.publish.ImagePublisher;
import io.flowerstream.ingest.publish.ProducerSettings;
import io.flowerstream.ingest.push.FileCollector;
import io.flowerstream.ingest.push.FileOutcome;
import io.flowerstream.ingest.push.Labelling;
import io.flowerstream.ingest.push.Progress;
import io.flowerstream.ingest.push.PushReport;
import io.flowerstream.ingest.push.Pusher;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.kafka.KafkaFlags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ingest push PATH...}: checks image files and publishes the good ones to the images topic. */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check image files (JPEG, PNG) with the model's decoder and publish the good ones to Kafka.",
            "Folders are read recursively. The record key is the SHA-256 of the bytes, so pushing the same files twice "
                    + "adds no new training data. Bad files are skipped and listed with their reason.",
            "Exit codes: 0 all published (skips allowed unless --strict), 1 a send failed or --strict and a skip, 2 "
                    + "bad arguments, 3 no broker at the address."
        })
public final class PushCommand implements Callable<Integer> {

    /** Exit code of bad arguments (unknown label, missing path). */
    public static final int BAD_ARGUMENTS = 2;
    /** Exit code of an unreachable broker. */
    public static final int NO_BROKER = 3;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Image files or folders of images.")
    List<Path> paths;

    @Option(
            names = "--label",
            paramLabel = "NAME",
            description =
                    "The true label of every image: daisy, dandelion, rose, sunflower or tulip (marks them as training "
                            + "data).")
    String label;

    @Option(
            names = "--label-from-folder",
            description = "Take each image's label from the name of the folder that holds it (the dataset's layout).")
    boolean labelFromFolder;

    @Option(names = "--strict", description = "Exit non-zero when any file is skipped.")
    boolean strict;

    @Mixin
    KafkaFlags kafkaFlags;

    @Option(
            names = "--topic",
            defaultValue = "${env:TOPIC_IMAGES:-flowers.images}",
            description = "Topic to publish to (env TOPIC_IMAGES; default ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--check",
            paramLabel = "MODE",
            defaultValue = "${env:INGEST_CHECK:-guards}",
            description = "guards (default): the decoder's guards (size, magic bytes, header dimensions, truncation), "
                    + "about 10x cheaper than a decode, so ingest never limits the pipeline; broken data inside a "
                    + "sound file is then dead-lettered with its reason by the archiver and the classifier. decode: "
                    + "decode every image before sending (env INGEST_CHECK).")
    CheckMode check;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads that read and check files (default: the number of cores, at most 4).")
    Integer threads;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "15",
            description = "How long to wait for the broker before giving up, at start and for each image (default "
                    + "${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    /** A command reading {@code KAFKA_*} settings from {@code env}. */
    public PushCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Labelling labelling;
        List<Path> files;
        try {
            labelling = Labelling.of(label, labelFromFolder);
            files = FileCollector.collect(paths);
        } catch (IllegalArgumentException e) {
            err.println("ingest push: " + e.getMessage());
            return BAD_ARGUMENTS;
        }
        KafkaClientConfig kafka = kafkaFlags.config(env);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        try (BrokerProbe probe = new BrokerProbe(kafka, timeout)) {
            probe.requireReachable();
        } catch (BrokerUnreachableException e) {
            err.println("ingest push: " + e.getMessage());
            return NO_BROKER;
        }
        int workers =
                threads != null ? threads : Math.min(4, Runtime.getRuntime().availableProcessors());
        PushReport report;
        try (ImagePublisher publisher = new ImagePublisher(
                ProducerSettings.newProducer(kafka, timeout, "flowerstream-ingest-cli"), topic, "ingest-cli")) {
            Pusher pusher = new Pusher(
                    check.newCheck(),
                    publisher,
                    ImageLimits.DEFAULT_MAX_BYTES,
                    workers,
                    new IngestMetrics(new SimpleMeterRegistry(), "cli"));
            report = pusher.push(files, labelling, Progress.forConsole(err));
        }
        for (FileOutcome.Skipped skipped : report.skipped()) {
            out.println("skipped " + skipped.path() + ": " + skipped.reason() + " (" + skipped.message() + ")");
        }
        for (FileOutcome.Failed failed : report.failed()) {
            out.println("failed  " + failed.path() + ": " + failed.message());
        }
        out.println(report.summary());
        out.flush();
        return report.exitCode(strict);
    }
}
