package io.flowerstream.ingest.cli;

import io.flowerstream.ingest.archive.Archiver;
import io.flowerstream.ingest.archive.ArchiverMetrics;
import io.flowerstream.ingest.archive.ArchiverSettings;
import io.flowerstream.ingest.archive.ImageArchive;
import io.flowerstream.ingest.check.DecodingImageCheck;
import io.flowerstream.ingest.http.CachedReadiness;
import io.flowerstream.ingest.publish.BrokerProbe;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.ops.OpsServer;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.platform.s3.S3Settings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ingest archive}: the archiver on its own, with /metrics and /health, until the process is stopped. */
@Command(name = "archive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copy every labelled image of the images topic into the bucket at images/<label>/<sha256>.<ext>; "
                + "records with an unknown label or a broken image go to the dead-letter topic.",
                "Object storage from S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_BUCKET, S3_REGION."})
public final class ArchiveCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveCommand.class);

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka brokers (env KAFKA_BOOTSTRAP_SERVERS; default " + KafkaClientConfig.DEFAULT_BOOTSTRAP + ").")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "${env:TOPIC_IMAGES:-flowers.images}",
            description = "Topic to archive from (env TOPIC_IMAGES; default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--dlq-topic", defaultValue = "${env:TOPIC_IMAGES_DLQ:-flowers.images.dlq}",
            description = "Dead-letter topic (env TOPIC_IMAGES_DLQ; default ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    @Option(names = "--http-host", defaultValue = "${env:HTTP_HOST:-127.0.0.1}",
            description = "Address of /metrics and /health (env HTTP_HOST; default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--http-port", defaultValue = "${env:HTTP_PORT:-8082}",
            description = "Port of /metrics and /health (env HTTP_PORT; default ${DEFAULT-VALUE}).")
    int port;

    private final Map<String, String> env;

    public ArchiveCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        KafkaClientConfig kafka = KafkaClientConfig.fromEnv(env, bootstrapServers);
        S3Settings s3 = S3Settings.fromEnv(env);
        PrometheusMeterRegistry registry = ServiceMetrics.newRegistry("ingest-archiver");
        ArchiverSettings settings = new ArchiverSettings(topic, deadLetterTopic, ArchiverSettings.DEFAULT_GROUP, Duration.ofSeconds(2));
        Archiver archiver = new Archiver(kafka, settings, new ImageArchive(s3.newClient(), s3.bucket()),
                DecodingImageCheck.withDefaults(), new ArchiverMetrics(registry)).start();
        BrokerProbe probe = new BrokerProbe(kafka, Duration.ofSeconds(5));
        OpsServer ops = new OpsServer(registry, CachedReadiness.of(probe)).start(host, port);
        LOG.info("archiving {} into {} via {}; /metrics on {}", topic, s3, kafka, ops.address());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            archiver.close();
            ops.close();
            probe.close();
            stopped.countDown();
        }, "archiver-shutdown"));
        stopped.await();
        return 0;
    }
}
