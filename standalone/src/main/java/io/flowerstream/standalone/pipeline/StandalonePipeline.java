package io.flowerstream.standalone.pipeline;

import ai.djl.Device;
import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.image.DecodingInputWriter;
import io.flowerstream.classifier.models.RegistryModelSource;
import io.flowerstream.classifier.service.ClassifierService;
import io.flowerstream.contracts.ids.ImageId;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.ingest.archive.ArchiverSettings;
import io.flowerstream.ingest.check.CheckMode;
import io.flowerstream.ingest.http.HttpSettings;
import io.flowerstream.ingest.metrics.IngestMetrics;
import io.flowerstream.ingest.publish.ImagePublisher;
import io.flowerstream.ingest.publish.ProducerSettings;
import io.flowerstream.ingest.push.Labelling;
import io.flowerstream.ingest.push.Progress;
import io.flowerstream.ingest.push.PushReport;
import io.flowerstream.ingest.push.Pusher;
import io.flowerstream.ingest.service.IngestService;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.platform.s3.S3Settings;
import io.flowerstream.standalone.local.LocalInfrastructure;
import io.flowerstream.standalone.local.LocalPrometheus;
import io.flowerstream.standalone.local.PhotoFolder;
import io.flowerstream.standalone.status.PipelineReadings;
import io.flowerstream.standalone.status.StatusView;
import io.flowerstream.standalone.synthetic.SyntheticFlowerSet;
import io.flowerstream.standalone.traffic.HeldBackTraffic;
import io.flowerstream.standalone.traffic.StreamedPredictions;
import io.flowerstream.trainer.data.S3ImageSource;
import io.flowerstream.trainer.run.RunSettings;
import io.flowerstream.trainer.service.RetrainPolicy;
import io.flowerstream.trainer.service.TrainerService;
import io.flowerstream.trainer.train.TrainingOptions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process: local Kafka and S3, the ingest service with its archiver,
 * the trainer service and the classifier, fed with a folder of photos (or the synthetic set)
 * the way a user would feed it: labelled photos for training, then unlabelled traffic whose true
 * labels follow as feedback.
 */
public final class StandalonePipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandalonePipeline.class);
    /** Synthetic pictures are rendered with this seed, so every machine gets the same set. */
    private static final long SYNTHETIC_SEED = 20_261_126L;

    private final StandaloneSettings settings;
    private final PrintStream out;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final PrometheusMeterRegistry ingestMeters = ServiceMetrics.newRegistry("ingest");
    private final PrometheusMeterRegistry classifierMeters = ServiceMetrics.newRegistry("classifier");
    private final PrometheusMeterRegistry trainerMeters = ServiceMetrics.newRegistry("trainer");
    private final TrainingProgress training = new TrainingProgress();
    private volatile String phase = "starting";
    private LocalInfrastructure infrastructure;
    private IngestService ingest;
    private ClassifierService classifier;
    private TrainerService trainer;
    private HeldBackTraffic traffic;
    private StreamedPredictions streamed;
    private LocalPrometheus prometheus;

    public StandalonePipeline(StandaloneSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** What it was started with. */
    public StandaloneSettings settings() {
        return settings;
    }

    /** Starts everything and feeds the data; returns once the held-back traffic is flowing. */
    public void start() throws Exception {
        DjlRuntime.engine();
        PhotoFolder photos = photos();
        infrastructure = keep(LocalInfrastructure.start(settings.dataDir(), settings.kafkaPort(), settings.s3Port()));
        KafkaClientConfig kafka = KafkaClientConfig.of(infrastructure.bootstrapServers());
        S3Settings s3 = infrastructure.s3Settings();

        ingest = keep(IngestService.start(
                new IngestService.Settings(
                        kafka,
                        HttpSettings.onPort(settings.ingestPort(), ImageLimits.DEFAULT_MAX_BYTES, Optional.empty()),
                        Topics.IMAGES,
                        CheckMode.GUARDS,
                        ArchiverSettings.defaults(),
                        Optional.of(s3)),
                ingestMeters));
        classifier = keep(ClassifierService.create(
                        classifierConfig(kafka),
                        new RegistryModelSource(
                                new ModelRegistry(s3.newClient(), s3.bucket(), FlowerModels.DEFAULT_NAME)),
                        new DecodingInputWriter(),
                        classifierMeters)
                .start());
        if (settings.prometheusPort() >= 0) {
            prometheus = keep(LocalPrometheus.start(
                    settings.dataDir().resolve("prometheus"),
                    settings.prometheusPort(),
                    scrapeTargets(),
                    Path.of("dashboards", "prometheus", "rules")));
        }
        printEndpoints();

        phase = "ingesting " + photos.labelled().size() + " labelled photos for training";
        int stored = ingestLabelled(kafka, photos.labelled(), s3);
        Optional<Integer> champion =
                new ModelRegistry(s3.newClient(), s3.bucket(), FlowerModels.DEFAULT_NAME).resolveAlias("champion");
        phase = champion.map(v -> "resuming with champion v" + v + " (data from an earlier start)")
                .orElse("training the first model on " + stored + " photos");
        out.println(phase);
        trainer = keep(TrainerService.start(trainerSettings(kafka, s3), trainerMeters, training));
        out.println("  trainer      " + trainer.opsAddress() + "/metrics");
        waitForServingModel();

        phase = "classifying";
        streamed = keep(new StreamedPredictions(kafka, Topics.PREDICTIONS, imageIds(photos.heldBack())));
        traffic = keep(new HeldBackTraffic(ingest.address(), kafka, Topics.FEEDBACK));
        traffic.start(photos.heldBack(), settings.imagesPerSecond(), settings.feedbackDelay());
    }

    /** The live view of the running pipeline. */
    public StatusView statusView(boolean terminal) {
        return new StatusView(
                new PipelineReadings(ingestMeters, classifierMeters, trainerMeters),
                this::phase,
                training::line,
                out,
                terminal);
    }

    private String phase() {
        if (streamed == null || traffic == null) {
            return phase;
        }
        return String.format(
                Locale.ROOT,
                "%s: %d of %d held-back images sent, %d classified%s",
                phase,
                traffic.sent(),
                streamed.expected(),
                streamed.classified(),
                streamed.duplicated() > 0 ? ", " + streamed.duplicated() + " DUPLICATED" : "");
    }

    /** The streamed (held-back) images and their committed predictions, once streaming began. */
    public StreamedPredictions streamed() {
        return streamed;
    }

    /** The held-back traffic, once streaming began. */
    public HeldBackTraffic traffic() {
        return traffic;
    }

    private static List<String> imageIds(List<PhotoFolder.Photo> photos) throws IOException {
        List<String> ids = new ArrayList<>();
        for (PhotoFolder.Photo photo : photos) {
            ids.add(ImageId.of(Files.readAllBytes(photo.path())));
        }
        return ids;
    }

    /** The {@code /metrics} address of each service, by service name. */
    public Map<String, String> metricsEndpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("ingest", ingest.address() + "/metrics");
        endpoints.put("classifier", classifier.opsAddress() + "/metrics");
        endpoints.put("trainer", trainer == null ? "(not started)" : trainer.opsAddress() + "/metrics");
        return endpoints;
    }

    private PhotoFolder photos() {
        if (settings.imagesDir() != null) {
            return PhotoFolder.read(settings.imagesDir(), 4, settings.perClass());
        }
        Path synthetic = settings.dataDir().resolve("synthetic-flowers");
        out.printf(
                "No --images given: rendering a SYNTHETIC flower set (%d per class, seeded) under %s.%nAccuracy "
                        + "figures below are on synthetic pictures, not photos; use --images DIR for real ones.%n",
                settings.perClass(), synthetic);
        new SyntheticFlowerSet().write(synthetic, settings.perClass(), SYNTHETIC_SEED);
        return PhotoFolder.read(synthetic, 4, settings.perClass());
    }

    /**
     * Pushes the labelled photos as {@code ingest push --label-from-folder} does; waits until the archiver stored them.
     */
    private int ingestLabelled(KafkaClientConfig kafka, List<PhotoFolder.Photo> labelled, S3Settings s3)
            throws Exception {
        PushReport report;
        try (ImagePublisher publisher = new ImagePublisher(
                ProducerSettings.newProducer(kafka, Duration.ofSeconds(30), "flowerstream-standalone-push"),
                Topics.IMAGES,
                "ingest-cli")) {
            Pusher pusher = new Pusher(
                    CheckMode.GUARDS.newCheck(),
                    publisher,
                    ImageLimits.DEFAULT_MAX_BYTES,
                    2,
                    new IngestMetrics(ingestMeters, "cli"));
            report = pusher.push(
                    labelled.stream().map(PhotoFolder.Photo::path).toList(),
                    new Labelling.FromFolder(),
                    Progress.forConsole(new PrintWriter(out, true, StandardCharsets.UTF_8)));
        }
        out.println(report.summary());
        int expected = report.published().size();
        S3ImageSource images = new S3ImageSource(s3.newClient(), s3.bucket());
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long count;
        while ((count = images.count()) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count + " of " + expected
                        + " labelled photos reached the bucket in 5 minutes: " + "see the archiver's log lines above");
            }
            phase = "archiving labelled photos: " + count + " of " + expected + " stored";
            Thread.sleep(500);
        }
        return (int) count;
    }

    private void waitForServingModel() throws InterruptedException {
        training.set("starting the first run");
        while (!classifier.isReady()) {
            Thread.sleep(500);
        }
    }

    private ClassifierConfig classifierConfig(KafkaClientConfig kafka) {
        return ClassifierConfig.builder(kafka.bootstrapServers(), null)
                .device(settings.device())
                .httpPort(settings.classifierPort())
                .stateDir(settings.dataDir().resolve("classifier-state"))
                // Announcements bring new versions at once; the poll is only the backstop.
                .modelPollInterval(Duration.ofSeconds(10))
                .build();
    }

    private TrainerService.Settings trainerSettings(KafkaClientConfig kafka, S3Settings s3) {
        Device[] devices = settings.device().resolveAll(DjlRuntime.engine());
        TrainingOptions options = TrainingOptions.builder()
                .epochs(settings.epochs())
                .devices(devices)
                .maxSeconds(settings.trainingBudget().toSeconds())
                .build();
        RetrainPolicy policy = new RetrainPolicy(
                settings.retrainEvery(), 200, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(30));
        return TrainerService.Settings.builder(s3, kafka, policy)
                .modelName(FlowerModels.DEFAULT_NAME)
                .run(RunSettings.builder().training(options).build())
                .httpPort(settings.trainerPort())
                .build();
    }

    private Map<String, String> scrapeTargets() {
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("ingest", "127.0.0.1:" + settings.ingestPort());
        targets.put("classifier", "127.0.0.1:" + settings.classifierPort());
        targets.put("trainer", "127.0.0.1:" + settings.trainerPort());
        return targets;
    }

    private void printEndpoints() {
        out.println("Endpoints:");
        out.println("  kafka        " + infrastructure.bootstrapServers());
        out.println("  s3           " + infrastructure.s3Settings().endpoint() + " (bucket "
                + LocalInfrastructure.BUCKET + ")");
        out.println("  ingest       " + ingest.address() + "/v1/images   (/metrics, /health/ready)");
        out.println("  classifier   " + classifier.opsAddress() + "/metrics");
        out.println("  trainer      starts once the labelled photos are stored");
        if (prometheus != null) {
            out.println("  prometheus   " + prometheus.address());
        }
        out.println("Publish a photo yourself:");
        // librdkafka refuses messages over 1,000,000 bytes unless told otherwise: phone photos are bigger.
        String kcat = "  kcat -b " + infrastructure.bootstrapServers();
        out.println(kcat + " -X message.max.bytes=" + Topics.MAX_MESSAGE_BYTES + " -P -t " + Topics.IMAGES
                + " -k my-photo-1 -H label=rose rose.jpg");
        out.println("  curl -H 'Content-Type: image/jpeg' --data-binary @rose.jpg " + ingest.address() + "/v1/images");
        out.println(
                "Predictions: kcat -b " + infrastructure.bootstrapServers() + " -C -t " + Topics.PREDICTIONS + " -u");
        out.flush();
    }

    private <T extends AutoCloseable> T keep(T part) {
        running.add(part);
        return part;
    }

    /** Stops everything, newest first: traffic, trainer, classifier, ingest, Prometheus, then the servers. */
    @Override
    public void close() {
        phase = "stopping";
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                LOG.warn("while stopping {}: {}", running.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        running.clear();
    }
}
