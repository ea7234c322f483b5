package io.flowerstream.trainer.service;

import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.registry.ModelMetadata;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.ops.OpsServer;
import io.flowerstream.platform.s3.S3Settings;
import io.flowerstream.trainer.data.S3ImageSource;
import io.flowerstream.trainer.metrics.TrainerMetrics;
import io.flowerstream.trainer.publish.KafkaAnnouncer;
import io.flowerstream.trainer.run.RunResult;
import io.flowerstream.trainer.run.RunSettings;
import io.flowerstream.trainer.run.TrainingRun;
import io.flowerstream.trainer.train.ProgressListener;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer as a service: retrains from the labelled images in the bucket whenever the
 * {@link RetrainPolicy} says so, publishes and announces each version, and serves
 * {@code /metrics} and {@code /health}. {@code trainer serve} and the standalone pipeline start
 * it through here.
 */
public final class TrainerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerService.class);

    /** Port of the ops endpoints unless configured ({@code trainer serve --http-port}). */
    public static final int DEFAULT_HTTP_PORT = 9403;

    /**
     * What the service needs, built with {@link #builder}.
     *
     * @param s3        where the images and models are
     * @param modelName the model name in the registry and on {@code flowers.models}
     * @param kafka     client settings for the announcements
     * @param run       how each run trains and gates
     * @param policy    when to run
     * @param httpHost  address of the ops endpoints
     * @param httpPort  port of the ops endpoints (0: a free one)
     * @param minimum   the photos every class needs before a run starts
     */
    public record Settings(
            S3Settings s3,
            String modelName,
            KafkaClientConfig kafka,
            RunSettings run,
            RetrainPolicy policy,
            String httpHost,
            int httpPort,
            MinimumData minimum) {

        public Settings {
            Objects.requireNonNull(s3, "s3");
            Objects.requireNonNull(kafka, "kafka");
            Objects.requireNonNull(policy, "policy: say when to retrain");
        }

        /**
         * A builder for the bucket {@code s3}, announcing through {@code kafka}, retraining when
         * {@code policy} says; the rest defaults to the seed's run, no minimum per class, and the ops
         * endpoints on 127.0.0.1:{@value #DEFAULT_HTTP_PORT}.
         */
        public static Builder builder(S3Settings s3, KafkaClientConfig kafka, RetrainPolicy policy) {
            return new Builder(s3, kafka, policy);
        }

        /** Builds the service's settings by name; the defaults are written here only. */
        public static final class Builder {
            private final S3Settings s3;
            private final KafkaClientConfig kafka;
            private final RetrainPolicy policy;
            private String modelName = FlowerModels.DEFAULT_NAME;
            private RunSettings run = RunSettings.defaults();
            private String httpHost = "127.0.0.1";
            private int httpPort = DEFAULT_HTTP_PORT;
            private MinimumData minimum = MinimumData.none();

            private Builder(S3Settings s3, KafkaClientConfig kafka, RetrainPolicy policy) {
                this.s3 = s3;
                this.kafka = kafka;
                this.policy = policy;
            }

            public Builder modelName(String v) {
                modelName = v;
                return this;
            }

            public Builder run(RunSettings v) {
                run = v;
                return this;
            }

            public Builder httpHost(String v) {
                httpHost = v;
                return this;
            }

            public Builder httpPort(int v) {
                httpPort = v;
                return this;
            }

            public Builder minimum(MinimumData v) {
                minimum = v;
                return this;
            }

            public Settings build() {
                return new Settings(s3, modelName, kafka, run, policy, httpHost, httpPort, minimum);
            }
        }
    }

    private final KafkaAnnouncer announcer;
    private final RetrainScheduler scheduler;
    private final OpsServer ops;

    private TrainerService(KafkaAnnouncer announcer, RetrainScheduler scheduler, OpsServer ops) {
        this.announcer = announcer;
        this.scheduler = scheduler;
        this.ops = ops;
    }

    /** Starts polling and the ops endpoints; {@code progress} hears every batch and epoch of every run. */
    public static TrainerService start(Settings settings, PrometheusMeterRegistry meters, ProgressListener progress) {
        ModelRegistry registry =
                new ModelRegistry(settings.s3().newClient(), settings.s3().bucket(), settings.modelName());
        S3ImageSource images =
                new S3ImageSource(settings.s3().newClient(), settings.s3().bucket());
        TrainerMetrics metrics = new TrainerMetrics();
        metrics.bindTo(meters);
        KafkaAnnouncer announcer = new KafkaAnnouncer(settings.kafka());
        RetrainScheduler.Source source = new RetrainScheduler.Source() {
            @Override
            public long countImages() throws Exception {
                return images.count();
            }

            @Override
            public Map<String, Long> countImagesPerClass() throws Exception {
                return images.countPerClass();
            }

            @Override
            public String describe() {
                return images.describe();
            }

            @Override
            public RetrainScheduler.LastRun lastRun() {
                Optional<ModelMetadata> last = registry.latestVersion().flatMap(registry::metadata);
                return last.map(m -> new RetrainScheduler.LastRun(
                                m.createdAt(),
                                m.datasetManifest() == null
                                        ? 0
                                        : m.datasetManifest().size()))
                        .orElse(null);
            }

            @Override
            public RunResult runOnce() throws Exception {
                return new TrainingRun(images, registry, announcer, settings.run(), progress, metrics).run();
            }
        };
        RetrainScheduler scheduler =
                new RetrainScheduler(source, settings.policy(), settings.minimum(), metrics, Clock.systemUTC());
        OpsServer ops = null;
        try {
            ops = new OpsServer(meters, scheduler::healthy).start(settings.httpHost(), settings.httpPort());
            scheduler.start();
        } catch (RuntimeException e) {
            scheduler.close();
            announcer.close();
            throw e;
        }
        LOG.info(
                "trainer serving: retrain every {} or after {} new photos from {}, once every class has {} photos; "
                        + "/metrics on {}",
                settings.policy().every(),
                settings.policy().minNewImages(),
                images.describe(),
                settings.minimum().minPerClass(),
                ops.address());
        return new TrainerService(announcer, scheduler, ops);
    }

    /** The ops endpoints' base address. */
    public String opsAddress() {
        return ops.address();
    }

    /** Stops polling (a run in progress is interrupted and publishes nothing), then the endpoints. */
    @Override
    public void close() {
        scheduler.close();
        ops.close();
        announcer.close();
    }
}
