package io.flowerstream.trainer.serve;

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

    /**
     * What the service needs.
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
    public record Settings(S3Settings s3, String modelName, KafkaClientConfig kafka, RunSettings run,
                           RetrainPolicy policy, String httpHost, int httpPort, MinimumData minimum) {

        /** Settings with no minimum per class (the standalone pipeline and tests bring their own data). */
        public Settings(S3Settings s3, String modelName, KafkaClientConfig kafka, RunSettings run,
                        RetrainPolicy policy, String httpHost, int httpPort) {
            this(s3, modelName, kafka, run, policy, httpHost, httpPort, MinimumData.none());
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
        ModelRegistry registry = new ModelRegistry(settings.s3().newClient(), settings.s3().bucket(), settings.modelName());
        S3ImageSource images = new S3ImageSource(settings.s3().newClient(), settings.s3().bucket());
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
                return last.map(m -> new RetrainScheduler.LastRun(m.createdAt(),
                        m.datasetManifest() == null ? 0 : m.datasetManifest().size())).orElse(null);
            }

            @Override
            public RunResult runOnce() throws Exception {
                return new TrainingRun(images, registry, announcer, settings.run(), progress, metrics).run();
            }
        };
        RetrainScheduler scheduler = new RetrainScheduler(source, settings.policy(), settings.minimum(), metrics,
                Clock.systemUTC());
        OpsServer ops = null;
        try {
            ops = new OpsServer(meters, scheduler::healthy).start(settings.httpHost(), settings.httpPort());
            scheduler.start();
        } catch (RuntimeException e) {
            scheduler.close();
            announcer.close();
            throw e;
        }
        LOG.info("trainer serving: retrain every {} or after {} new photos from {}, once every class has {} photos;"
                + " /metrics on {}", settings.policy().every(), settings.policy().minNewImages(), images.describe(),
                settings.minimum().minPerClass(), ops.address());
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
