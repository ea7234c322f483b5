package io.flowerstream.trainer.cli;

import io.flowerstream.model.ops.OpsServer;
import io.flowerstream.model.ops.ServiceMetrics;
import io.flowerstream.model.registry.ModelMetadata;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.model.registry.S3Settings;
import io.flowerstream.trainer.data.S3ImageSource;
import io.flowerstream.trainer.metrics.TrainerMetrics;
import io.flowerstream.trainer.publish.KafkaAnnouncer;
import io.flowerstream.trainer.report.ProgressPrinter;
import io.flowerstream.trainer.run.RunResult;
import io.flowerstream.trainer.run.TrainingRun;
import io.flowerstream.trainer.serve.RetrainPolicy;
import io.flowerstream.trainer.serve.RetrainScheduler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trainer serve}: retrains on a schedule or when enough new photos arrived, with /metrics and /health. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Retrain every --every, or when --min-new-images new labelled photos arrived, whichever comes "
                + "first; one run at a time; failed runs retried with backoff. Serves /metrics and /health.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    TrainingFlags training;

    @Mixin
    StorageFlags storage;

    @Option(names = "--every", defaultValue = "${env:RETRAIN_EVERY:-PT30M}", description = "longest time between runs, ISO-8601 (env RETRAIN_EVERY; default ${DEFAULT-VALUE})")
    Duration every;

    @Option(names = "--min-new-images", defaultValue = "${env:RETRAIN_MIN_NEW_IMAGES:-200}", description = "new labelled photos that trigger a run early; 0: time only (default ${DEFAULT-VALUE})")
    int minNewImages;

    @Option(names = "--poll", defaultValue = "${env:RETRAIN_POLL:-PT1M}", description = "how often to count the photos (default ${DEFAULT-VALUE})")
    Duration poll;

    @Option(names = "--http-host", defaultValue = "${env:HTTP_HOST:-0.0.0.0}")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "${env:HTTP_PORT:-9403}", description = "port of /metrics and /health (default ${DEFAULT-VALUE})")
    int httpPort;

    @Override
    public Integer call() throws Exception {
        S3Settings s3 = storage.s3();
        ModelRegistry registry = storage.registry(s3);
        S3ImageSource images = new S3ImageSource(s3.newClient(), s3.bucket());
        PrometheusMeterRegistry meters = ServiceMetrics.newRegistry("trainer");
        TrainerMetrics metrics = new TrainerMetrics();
        metrics.bindTo(meters);
        RetrainPolicy policy = new RetrainPolicy(every, minNewImages, poll, Duration.ofSeconds(30), Duration.ofMinutes(30));
        CountDownLatch stopped = new CountDownLatch(1);
        try (KafkaAnnouncer announcer = new KafkaAnnouncer(storage.kafka())) {
            RetrainScheduler.Source source = new RetrainScheduler.Source() {
                @Override
                public long countImages() throws Exception {
                    return images.count();
                }

                @Override
                public RetrainScheduler.LastRun lastRun() {
                    Optional<ModelMetadata> last = registry.latestVersion().flatMap(registry::metadata);
                    return last.map(m -> new RetrainScheduler.LastRun(m.createdAt(),
                            m.datasetManifest() == null ? 0 : m.datasetManifest().size())).orElse(null);
                }

                @Override
                public RunResult runOnce() throws Exception {
                    return new TrainingRun(images, registry, announcer, training.settings(), ProgressPrinter.toStdout(),
                            metrics).run();
                }
            };
            try (RetrainScheduler scheduler = new RetrainScheduler(source, policy, metrics, Clock.systemUTC());
                 OpsServer ops = new OpsServer(meters, scheduler::healthy).start(httpHost, httpPort)) {
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "trainer-shutdown"));
                scheduler.start();
                LOG.info("trainer serving: retrain every {} or after {} new photos from {}; /metrics on {}", every,
                        minNewImages, images.describe(), ops.address());
                stopped.await();
            }
        }
        return 0;
    }
}
