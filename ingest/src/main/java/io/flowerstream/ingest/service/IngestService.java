package io.flowerstream.ingest.service;

import io.flowerstream.ingest.archive.Archiver;
import io.flowerstream.ingest.archive.ArchiverMetrics;
import io.flowerstream.ingest.archive.ArchiverSettings;
import io.flowerstream.ingest.archive.ImageArchive;
import io.flowerstream.ingest.check.CheckMode;
import io.flowerstream.ingest.check.DecodingImageCheck;
import io.flowerstream.ingest.http.CachedReadiness;
import io.flowerstream.ingest.http.HttpSettings;
import io.flowerstream.ingest.http.IngestHttpServer;
import io.flowerstream.ingest.publish.BrokerProbe;
import io.flowerstream.ingest.publish.ImagePublisher;
import io.flowerstream.ingest.publish.ProducerSettings;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.s3.S3Settings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service as one unit: the HTTP endpoint that publishes images and, where object
 * storage is configured, the archiver that stores the labelled ones. {@code ingest serve}, the
 * standalone pipeline and the images all start it through here.
 */
public final class IngestService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    /**
     * What the service needs.
     *
     * @param kafka    client settings, {@code KAFKA_*} passthrough included
     * @param http     where the endpoint listens, the size limit and the optional token
     * @param topic    the topic images are published to
     * @param check    how thoroughly each posted image is checked
     * @param archiver the archiver's topics and group
     * @param s3       object storage for the archiver; empty runs the endpoint alone
     */
    public record Settings(
            KafkaClientConfig kafka,
            HttpSettings http,
            String topic,
            CheckMode check,
            ArchiverSettings archiver,
            Optional<S3Settings> s3) {}

    private final List<AutoCloseable> parts = new ArrayList<>();
    private IngestHttpServer server;

    private IngestService() {}

    /** Starts the endpoint and the archiver, registering meters on {@code registry}. */
    public static IngestService start(Settings settings, PrometheusMeterRegistry registry) throws Exception {
        IngestService service = new IngestService();
        try {
            service.startParts(settings, registry);
            return service;
        } catch (Exception | Error e) {
            service.close();
            throw e;
        }
    }

    private void startParts(Settings settings, PrometheusMeterRegistry registry) throws Exception {
        BrokerProbe probe = add(new BrokerProbe(settings.kafka(), HttpSettings.DEFAULT_SEND_TIMEOUT));
        ImagePublisher publisher = add(new ImagePublisher(
                ProducerSettings.newRequestProducer(
                        settings.kafka(), settings.http().sendTimeout(), "flowerstream-ingest-http"),
                settings.topic(),
                "ingest-http"));
        if (settings.s3().isPresent()) {
            S3Settings s3 = settings.s3().get();
            add(new Archiver(
                            settings.kafka(),
                            settings.archiver(),
                            new ImageArchive(s3.newClient(), s3.bucket()),
                            DecodingImageCheck.withDefaults(),
                            new ArchiverMetrics(registry))
                    .start());
            LOG.info(
                    "archiving labelled images from {} into {}",
                    settings.archiver().imagesTopic(),
                    s3);
        } else {
            LOG.warn("no object storage configured (S3_ENDPOINT): labelled images are published but not archived for "
                    + "training");
        }
        server = add(IngestHttpServer.create(
                        settings.http(), settings.check().newCheck(), publisher, registry, CachedReadiness.of(probe))
                .start());
        LOG.info(
                "ingest HTTP endpoint on {}{} publishing to {} via {} (token {})",
                server.address(),
                IngestHttpServer.IMAGES_PATH,
                settings.topic(),
                settings.kafka(),
                settings.http().token().isPresent() ? "required" : "not set");
    }

    private <T extends AutoCloseable> T add(T part) {
        parts.add(part);
        return part;
    }

    /** The endpoint's base address, e.g. {@code http://127.0.0.1:8081}. */
    public String address() {
        return server.address();
    }

    /** Stops the endpoint first, so nothing new arrives, then the rest in reverse start order. */
    @Override
    public void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("while stopping the ingest service: {}", e.toString());
            }
        }
        parts.clear();
    }
}
