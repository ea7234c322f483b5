package io.flowerstream.ingest.cli;

import io.flowerstream.ingest.archive.Archiver;
import io.flowerstream.ingest.archive.ArchiverMetrics;
import io.flowerstream.ingest.archive.ArchiverSettings;
import io.flowerstream.ingest.archive.ImageArchive;
import io.flowerstream.ingest.check.DecodingImageCheck;
import io.flowerstream.ingest.http.CachedReadiness;
import io.flowerstream.ingest.publish.BrokerProbe;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.kafka.KafkaFlags;
import io.flowerstream.platform.ops.HttpFlags;
import io.flowerstream.platform.ops.OpsServer;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.platform.s3.S3Flags;
import io.flowerstream.platform.s3.S3Settings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ingest archive}: the archiver on its own, with /metrics and /health, until the process is stopped. */
@Command(
        name = "archive",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Copy every labelled image of the images topic into the bucket at images/<label>/<sha256>.<ext>; records "
                    + "with an unknown label or a broken image go to the dead-letter topic.",
            "Object storage from S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_BUCKET, S3_REGION.",
            "Serves /metrics and /health on port " + ArchiveCommand.DEFAULT_HTTP_PORT
                    + " unless --http-port or HTTP_PORT says otherwise."
        })
public final class ArchiveCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveCommand.class);

    @Mixin
    KafkaFlags kafkaFlags;

    @Mixin
    S3Flags s3Flags;

    @Option(
            names = "--topic",
            defaultValue = "${env:TOPIC_IMAGES:-flowers.images}",
            description = "Topic to archive from (env TOPIC_IMAGES; default ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--dlq-topic",
            defaultValue = "${env:TOPIC_IMAGES_DLQ:-flowers.images.dlq}",
            description = "Dead-letter topic (env TOPIC_IMAGES_DLQ; default ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    /** The archiver's port of /metrics and /health, beside ingest serve's 8081. */
    public static final int DEFAULT_HTTP_PORT = 8082;

    @Mixin
    HttpFlags http;

    private final Map<String, String> env;

    public ArchiveCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        KafkaClientConfig kafka = kafkaFlags.config(env);
        S3Settings s3 = s3Flags.settings(env);
        PrometheusMeterRegistry registry = ServiceMetrics.newRegistry("ingest-archiver");
        ArchiverSettings settings =
                new ArchiverSettings(topic, deadLetterTopic, ArchiverSettings.DEFAULT_GROUP, Duration.ofSeconds(2));
        Archiver archiver = new Archiver(
                        kafka,
                        settings,
                        new ImageArchive(s3.newClient(), s3.bucket()),
                        DecodingImageCheck.withDefaults(),
                        new ArchiverMetrics(registry))
                .start();
        BrokerProbe probe = new BrokerProbe(kafka, Duration.ofSeconds(5));
        OpsServer ops =
                new OpsServer(registry, CachedReadiness.of(probe)).start(http.host(), http.port(DEFAULT_HTTP_PORT));
        LOG.info("archiving {} into {} via {}; /metrics on {}", topic, s3, kafka, ops.address());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            archiver.close();
                            ops.close();
                            probe.close();
                            stopped.countDown();
                        },
                        "archiver-shutdown"));
        stopped.await();
        return 0;
    }
}
