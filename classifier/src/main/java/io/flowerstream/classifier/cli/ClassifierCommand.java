package io.flowerstream.classifier.cli;

import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.config.ClassifierTopics;
import io.flowerstream.classifier.config.DeadLetterPolicy;
import io.flowerstream.classifier.config.ModelSpec;
import io.flowerstream.classifier.image.DecodingInputWriter;
import io.flowerstream.classifier.models.DirectoryModelSource;
import io.flowerstream.classifier.models.ModelSource;
import io.flowerstream.classifier.models.RegistryModelSource;
import io.flowerstream.classifier.service.ClassifierService;
import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.kafka.KafkaFlags;
import io.flowerstream.platform.ops.HttpFlags;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.platform.s3.S3Flags;
import io.flowerstream.platform.s3.S3Settings;
import io.flowerstream.platform.topics.TopicFlags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flowerstream classifier}: parses flags and environment into a {@link ClassifierConfig}
 * and runs the {@link ClassifierService} until the process is stopped. Each flag has an environment
 * variable of the same meaning; the flag wins.
 */
@Command(
        name = "classifier",
        mixinStandardHelpOptions = true,
        description = "Classify the images on flowers.images in dynamic batches, exactly once, with model hot-swap, "
                + "dead letters and online accuracy. Serves /metrics and /health on port "
                + ClassifierConfig.DEFAULT_HTTP_PORT + " unless --http-port or HTTP_PORT says otherwise.")
public final class ClassifierCommand implements Callable<Integer> {

    @Mixin
    KafkaFlags kafkaFlags;

    @Option(
            names = "--application-id",
            defaultValue = "${env:APPLICATION_ID:-" + ClassifierConfig.DEFAULT_APPLICATION_ID + "}",
            description = "Kafka Streams application id (env APPLICATION_ID; default: ${DEFAULT-VALUE})")
    String applicationId;

    @Option(
            names = "--model-version",
            defaultValue = "${env:MODEL_VERSION:-champion}",
            description =
                    "a version number to pin, or an alias to follow (env MODEL_VERSION; default: ${DEFAULT-VALUE})")
    String modelVersion;

    @Option(
            names = "--model-name",
            defaultValue = "${env:MODEL_NAME:-flowers-cnn}",
            description = "model name in the registry (env MODEL_NAME; default: ${DEFAULT-VALUE})")
    String modelName;

    @Option(
            names = "--model-dir",
            defaultValue = "${env:MODEL_DIR}",
            description = "load versions from this directory (<dir>/<version>/model.params, <dir>/aliases/<alias>) "
                    + "instead of the S3 registry, which S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_BUCKET and "
                    + "S3_REGION locate (env MODEL_DIR)")
    Path modelDir;

    @Option(
            names = "--device",
            defaultValue = "${env:DEVICE:-auto}",
            description = "auto, cpu or gpu (env DEVICE; default: ${DEFAULT-VALUE})")
    String device;

    @Option(
            names = "--max-batch-size",
            defaultValue = "${env:MAX_BATCH_SIZE:-0}",
            description = "largest batch; 0 (the default) measures forward passes at batches 1-16 on CPU, 8-128 on "
                    + "GPU, on the first model at start and takes the smallest within 5% of the best throughput (env "
                    + "MAX_BATCH_SIZE)")
    int maxBatchSize;

    @Option(
            names = "--max-batch-delay-ms",
            defaultValue = "${env:MAX_BATCH_DELAY_MS:-10}",
            description = "longest the oldest image of a batch waits for more (env MAX_BATCH_DELAY_MS; default: "
                    + "${DEFAULT-VALUE})")
    long maxBatchDelayMs;

    @Option(
            names = "--commit-interval-ms",
            defaultValue = "${env:COMMIT_INTERVAL_MS:-25}",
            description =
                    "Kafka Streams commit interval; predictions become visible at commits (env COMMIT_INTERVAL_MS; "
                            + "default: ${DEFAULT-VALUE})")
    long commitIntervalMs;

    @Option(
            names = "--decode-threads",
            defaultValue = "${env:DECODE_THREADS:--1}",
            description =
                    "threads decoding images off the inference path; -1: one per core, 0: on the stream thread (env "
                            + "DECODE_THREADS)")
    int decodeThreads;

    @Option(
            names = "--stream-threads",
            defaultValue = "${env:STREAM_THREADS:-1}",
            description = "Kafka Streams threads (env STREAM_THREADS; default: ${DEFAULT-VALUE})")
    int streamThreads;

    @Mixin
    HttpFlags http;

    /** The registry's bucket, where no --model-dir is given. */
    @Mixin
    S3Flags s3Flags;

    @Option(
            names = "--feedback-window-minutes",
            defaultValue = "${env:FEEDBACK_WINDOW_MINUTES:-1440}",
            description =
                    "how long after a prediction its feedback still counts (env FEEDBACK_WINDOW_MINUTES; default: "
                            + "${DEFAULT-VALUE})")
    long feedbackWindowMinutes;

    @Option(
            names = "--model-poll-seconds",
            defaultValue = "${env:MODEL_POLL_SECONDS:-30}",
            description =
                    "how often the alias is checked besides flowers.models announcements (env MODEL_POLL_SECONDS; "
                            + "default: ${DEFAULT-VALUE})")
    long modelPollSeconds;

    @Option(
            names = "--state-dir",
            defaultValue = "${env:STATE_DIR}",
            description = "Kafka Streams state directory (env STATE_DIR; default: Kafka Streams' own)")
    Path stateDir;

    @Option(
            names = "--standby-replicas",
            defaultValue = "${env:NUM_STANDBY_REPLICAS:-0}",
            description = "Kafka Streams standby replicas: warm copies of each task's state on other instances, so a "
                    + "task that moves needs no restore (env NUM_STANDBY_REPLICAS; default: ${DEFAULT-VALUE}; 1 with "
                    + "more than one instance)")
    int standbyReplicas;

    @Option(
            names = "--group-instance-id",
            defaultValue = "${env:GROUP_INSTANCE_ID}",
            description = "static group membership: an id unique to this instance and the same after a restart (a "
                    + "StatefulSet pod's name), so a restart within the session timeout causes no rebalance (env "
                    + "GROUP_INSTANCE_ID; default: none, dynamic membership)")
    String groupInstanceId;

    @Mixin
    TopicFlags topicFlags;

    @Option(
            names = "--dead-letters",
            defaultValue = "${env:DEAD_LETTERS:-auto}",
            description =
                    "publish bad images to --topic-dlq: publish, none, or auto (none when --topic-predictions ends in "
                            + DeadLetterPolicy.CANARY_SUFFIX
                            + ", a shadow canary, whose bad images the stable classifier already dead-letters; else "
                            + "publish) (env DEAD_LETTERS; default: ${DEFAULT-VALUE})")
    String deadLetters;

    /** The configuration these flags and {@code env} describe. */
    ClassifierConfig config(Map<String, String> env) {
        ClassifierTopics topics = new ClassifierTopics(
                topicFlags.images(),
                topicFlags.predictions(),
                topicFlags.feedback(),
                topicFlags.models(),
                DeadLetterPolicy.parse(deadLetters).topicFor(topicFlags.predictions(), topicFlags.dlq()));
        ClassifierConfig.Builder config = ClassifierConfig.builder(kafkaFlags.config(env), modelDir)
                .applicationId(applicationId)
                .topics(topics)
                .modelName(modelName)
                .model(ModelSpec.parse(modelVersion))
                .device(DeviceChoice.parse(device))
                .maxBatchSize(maxBatchSize)
                .maxBatchDelay(Duration.ofMillis(maxBatchDelayMs))
                .commitInterval(Duration.ofMillis(commitIntervalMs))
                .streamThreads(streamThreads)
                .httpHost(http.host())
                .httpPort(http.port(ClassifierConfig.DEFAULT_HTTP_PORT))
                .feedbackWindow(Duration.ofMinutes(feedbackWindowMinutes))
                .modelPollInterval(Duration.ofSeconds(modelPollSeconds))
                .stateDir(stateDir)
                .standbyReplicas(standbyReplicas)
                .groupInstanceId(groupInstanceId);
        // a negative --decode-threads keeps the builder's default: one per core
        if (decodeThreads >= 0) {
            config.decodeThreads(decodeThreads);
        }
        return config.build();
    }

    @Override
    public Integer call() throws InterruptedException {
        ClassifierConfig config = config(System.getenv());
        ModelSource source = modelSource(config, System.getenv());
        ClassifierService service = ClassifierService.create(
                config, source, new DecodingInputWriter(), ServiceMetrics.newRegistry("classifier"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            service.close();
                            stopped.countDown();
                        },
                        "classifier-shutdown"));
        service.start();
        stopped.await();
        return 0;
    }

    /** The directory when one is given, else the registry on S3 (the S3 flags over the {@code S3_*} variables). */
    ModelSource modelSource(ClassifierConfig config, Map<String, String> env) {
        if (config.modelDir() != null) {
            return new DirectoryModelSource(config.modelDir());
        }
        S3Settings s3 = s3Flags.settings(env);
        return new RegistryModelSource(new ModelRegistry(s3.newClient(), s3.bucket(), config.modelName()));
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClassifierCommand()).execute(args));
    }
}
