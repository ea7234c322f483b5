package io.flowerstream.ingest.cli;

import io.flowerstream.ingest.check.CheckMode;
import io.flowerstream.ingest.http.BearerToken;
import io.flowerstream.ingest.http.CachedReadiness;
import io.flowerstream.ingest.http.HttpSettings;
import io.flowerstream.ingest.http.IngestHttpServer;
import io.flowerstream.ingest.publish.BrokerProbe;
import io.flowerstream.ingest.publish.ImagePublisher;
import io.flowerstream.ingest.publish.ProducerSettings;
import io.flowerstream.model.config.KafkaClientConfig;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.model.ops.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ingest serve}: the HTTP endpoint, until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve POST /v1/images (body: a JPEG or PNG; optional ?label=NAME) with /metrics, /health/live "
                + "and /health/ready. Answers 202 once Kafka has the image.",
                "With INGEST_TOKEN (or INGEST_TOKEN_FILE) set, requests need 'Authorization: Bearer <token>'."})
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--http-host", defaultValue = "${env:HTTP_HOST:-127.0.0.1}",
            description = "Address to listen on (env HTTP_HOST; default ${DEFAULT-VALUE}: this machine only).")
    String host;

    @Option(names = "--http-port", defaultValue = "${env:HTTP_PORT:-8081}", description = "Port (env HTTP_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka brokers (env KAFKA_BOOTSTRAP_SERVERS; default " + KafkaClientConfig.DEFAULT_BOOTSTRAP + ").")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "${env:TOPIC_IMAGES:-flowers.images}",
            description = "Topic to publish to (env TOPIC_IMAGES; default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--check", paramLabel = "MODE", defaultValue = "${env:INGEST_CHECK:-decode}",
            description = "decode (default) or guards: how thoroughly each image is checked (env INGEST_CHECK); see ingest push --help.")
    CheckMode check;

    private final Map<String, String> env;

    public ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        KafkaClientConfig kafka = KafkaClientConfig.fromEnv(env, bootstrapServers);
        HttpSettings settings = new HttpSettings(host, port, ImageLimits.DEFAULT_MAX_BYTES, HttpSettings.DEFAULT_SEND_TIMEOUT,
                BearerToken.fromEnv(env), 8);
        PrometheusMeterRegistry registry = ServiceMetrics.newRegistry("ingest");
        BrokerProbe probe = new BrokerProbe(kafka, HttpSettings.DEFAULT_SEND_TIMEOUT);
        ImagePublisher publisher = new ImagePublisher(
                ProducerSettings.newRequestProducer(kafka, HttpSettings.DEFAULT_SEND_TIMEOUT, "flowerstream-ingest-http"), topic, "ingest-http");
        IngestHttpServer server = IngestHttpServer.create(settings, check.newCheck(), publisher, registry, CachedReadiness.of(probe)).start();
        LOG.info("ingest HTTP endpoint on {}{} publishing to {} via {} (token {})", server.address(), IngestHttpServer.IMAGES_PATH,
                topic, kafka, settings.token().isPresent() ? "required" : "not set");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            publisher.close();
            probe.close();
            stopped.countDown();
        }, "ingest-shutdown"));
        stopped.await();
        return 0;
    }
}
