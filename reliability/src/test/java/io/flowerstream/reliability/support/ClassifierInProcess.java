package io.flowerstream.reliability.support;

import io.flowerstream.classifier.app.ClassifierApp;
import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.config.ModelSpec;
import io.flowerstream.classifier.image.DecodingPreparer;
import io.flowerstream.classifier.serving.RegistryModelSource;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;

/** The classifier app in this JVM, following the {@code champion} alias of a registry on S3, with its meters. */
public final class ClassifierInProcess implements AutoCloseable {

    private final ClassifierApp app;
    private final PrometheusMeterRegistry meters;

    private ClassifierInProcess(ClassifierApp app, PrometheusMeterRegistry meters) {
        this.app = app;
        this.meters = meters;
    }

    /**
     * Starts one with batches of up to 4 within 20 ms. {@code kafka} carries any {@code KAFKA_*}
     * settings; {@code poll} is how often the alias is checked besides announcements.
     */
    public static ClassifierInProcess start(KafkaClientConfig kafka, ModelRegistry registry, Path stateDir, Duration poll) {
        ClassifierConfig base = ClassifierConfig.builder(kafka.bootstrapServers(), null)
                .model(ModelSpec.parse("champion")).maxBatchSize(4).maxBatchDelay(Duration.ofMillis(20)).decodeThreads(1)
                .httpPort(0).stateDir(stateDir).modelPollInterval(poll).build();
        ClassifierConfig config = new ClassifierConfig(kafka, base.applicationId(), base.topics(), base.modelName(),
                base.model(), base.modelDir(), base.device(), base.maxBatchSize(), base.maxBatchDelay(),
                base.commitInterval(), base.decodeThreads(), base.streamThreads(), base.httpHost(), base.httpPort(),
                base.feedbackWindow(), base.modelPollInterval(), base.stateDir(), base.standbyReplicas(), base.groupInstanceId());
        PrometheusMeterRegistry meters = ServiceMetrics.newRegistry("classifier");
        ClassifierApp app = ClassifierApp.create(config, new RegistryModelSource(registry), new DecodingPreparer(), meters);
        try {
            app.start();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return new ClassifierInProcess(app, meters);
    }

    public ClassifierApp app() {
        return app;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** {@code flowers.classifier.model.load.failures{reason}} so far. */
    public double loadFailures(String reason) {
        var counter = meters.find("flowers.classifier.model.load.failures").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Waits until Kafka Streams runs with a model loaded. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        Eventually.await(timeout, app::isReady, () -> "the classifier to be ready (model loaded, Kafka Streams RUNNING)");
    }

    @Override
    public void close() {
        app.close();
    }
}
