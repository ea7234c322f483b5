package io.flowerstream.ingest.cli;

import io.flowerstream.ingest.archive.ArchiverSettings;
import io.flowerstream.ingest.check.CheckMode;
import io.flowerstream.ingest.http.BearerToken;
import io.flowerstream.ingest.http.HttpSettings;
import io.flowerstream.ingest.service.IngestService;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.kafka.KafkaFlags;
import io.flowerstream.platform.ops.HttpFlags;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.platform.s3.S3Flags;
import io.flowerstream.platform.s3.S3Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ingest serve}: the HTTP endpoint and the archiver, until the process is stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serve POST /v1/images (body: a JPEG or PNG; optional ?label=NAME) with /metrics, /health/live and "
                    + "/health/ready. Answers 202 once Kafka has the image.",
            "Listens on port " + ServeCommand.DEFAULT_HTTP_PORT + " unless --http-port or HTTP_PORT says otherwise.",
            "With INGEST_TOKEN (or INGEST_TOKEN_FILE) set, requests need 'Authorization: Bearer <token>'.",
            "Also archives every labelled image from the topic into S3 (S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, "
                    + "S3_BUCKET), as 'ingest archive' does, unless --no-archiver."
        })
public final class ServeCommand implements Callable<Integer> {

    /** Ingest's port of /v1/images, /metrics and /health. */
    public static final int DEFAULT_HTTP_PORT = 8081;

    @Mixin
    HttpFlags http;

    @Mixin
    KafkaFlags kafkaFlags;

    /** Where the archiver stores labelled images. */
    @Mixin
    S3Flags s3Flags;

    @Option(
            names = "--topic",
            defaultValue = "${env:TOPIC_IMAGES:-flowers.images}",
            description = "Topic to publish to (env TOPIC_IMAGES; default ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--check",
            paramLabel = "MODE",
            defaultValue = "${env:INGEST_CHECK:-guards}",
            description =
                    "guards (default) or decode: how thoroughly each image is checked (env INGEST_CHECK); see ingest "
                            + "push --help.")
    CheckMode check;

    @Option(
            names = "--dlq-topic",
            defaultValue = "${env:TOPIC_IMAGES_DLQ:-flowers.images.dlq}",
            description = "Where the archiver sends records it cannot store (env TOPIC_IMAGES_DLQ; default "
                    + "${DEFAULT-VALUE}).")
    String deadLetterTopic;

    @Option(
            names = "--no-archiver",
            description = "Run the HTTP endpoint alone, without archiving labelled images into S3.")
    boolean noArchiver;

    private final Map<String, String> env;

    public ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        KafkaClientConfig kafka = kafkaFlags.config(env);
        HttpSettings settings = new HttpSettings(
                http.host(),
                http.port(DEFAULT_HTTP_PORT),
                ImageLimits.DEFAULT_MAX_BYTES,
                HttpSettings.DEFAULT_SEND_TIMEOUT,
                BearerToken.fromEnv(env),
                8);
        ArchiverSettings archiver =
                new ArchiverSettings(topic, deadLetterTopic, ArchiverSettings.DEFAULT_GROUP, Duration.ofSeconds(2));
        Optional<S3Settings> s3 = noArchiver ? Optional.empty() : Optional.of(s3Flags.settings(env));
        IngestService service = IngestService.start(
                new IngestService.Settings(kafka, settings, topic, check, archiver, s3),
                ServiceMetrics.newRegistry("ingest"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            service.close();
                            stopped.countDown();
                        },
                        "ingest-shutdown"));
        stopped.await();
        return 0;
    }
}
