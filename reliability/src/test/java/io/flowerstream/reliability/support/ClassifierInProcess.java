package io.flowerstream.reliability.support;

import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.config.ModelSpec;
import io.flowerstream.classifier.image.DecodingInputWriter;
import io.flowerstream.classifier.models.RegistryModelSource;
import io.flowerstream.classifier.service.ClassifierService;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.testsupport.Eventually;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;

/** The classifier service in this JVM, following the {@code champion} alias of a registry on S3, with its meters. */
public final class ClassifierInProcess implements AutoCloseable {

    private final ClassifierService service;
    private final PrometheusMeterRegistry meters;

    private ClassifierInProcess(ClassifierService service, PrometheusMeterRegistry meters) {
        this.service = service;
        this.meters = meters;
    }

    /**
     * Starts one with batches of up to 4 within 20 ms. {@code kafka} carries any {@code KAFKA_*}
     * settings; {@code poll} is how often the alias is checked besides announcements.
     */
    public static ClassifierInProcess start(
            KafkaClientConfig kafka, ModelRegistry registry, Path stateDir, Duration poll) {
        ClassifierConfig config = ClassifierConfig.builder(kafka, null)
                .model(ModelSpec.parse("champion"))
                .maxBatchSize(4)
                .maxBatchDelay(Duration.ofMillis(20))
                .decodeThreads(1)
                .httpPort(0)
                .stateDir(stateDir)
                .modelPollInterval(poll)
                .build();
        PrometheusMeterRegistry meters = ServiceMetrics.newRegistry("classifier");
        ClassifierService service =
                ClassifierService.create(config, new RegistryModelSource(registry), new DecodingInputWriter(), meters);
        try {
            service.start();
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return new ClassifierInProcess(service, meters);
    }

    public ClassifierService service() {
        return service;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** {@code flowers.classifier.model.load.failures{reason}} so far. */
    public double loadFailures(String reason) {
        var counter = meters.find("flowers.classifier.model.load.failures")
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** Waits until Kafka Streams runs with a model loaded. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        Eventually.await(
                timeout, service::isReady, () -> "the classifier to be ready (model loaded, Kafka Streams RUNNING)");
    }

    @Override
    public void close() {
        service.close();
    }
}
