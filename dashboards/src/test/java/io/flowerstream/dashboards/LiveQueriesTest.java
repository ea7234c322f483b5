package io.flowerstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.config.ModelSpec;
import io.flowerstream.classifier.image.DecodingInputWriter;
import io.flowerstream.classifier.metrics.DriftMonitor;
import io.flowerstream.classifier.models.RegistryModelSource;
import io.flowerstream.classifier.service.ClassifierService;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.topics.Headers;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.dashboards.DashboardFiles.PanelQuery;
import io.flowerstream.dashboards.DashboardFiles.Variable;
import io.flowerstream.embedded.EmbeddedKafka;
import io.flowerstream.embedded.EmbeddedS3;
import io.flowerstream.embedded.FreePorts;
import io.flowerstream.ingest.archive.ArchiverSettings;
import io.flowerstream.ingest.check.CheckMode;
import io.flowerstream.ingest.http.HttpSettings;
import io.flowerstream.ingest.http.IngestHttpServer;
import io.flowerstream.ingest.service.IngestService;
import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.lag.GroupLagReader;
import io.flowerstream.platform.lag.LagExporter;
import io.flowerstream.platform.lag.LagExporterCommand;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.platform.s3.S3Settings;
import io.flowerstream.testsupport.SamplePhotos;
import io.flowerstream.trainer.run.RunSettings;
import io.flowerstream.trainer.service.RetrainPolicy;
import io.flowerstream.trainer.service.TrainerService;
import io.flowerstream.trainer.train.ProgressListener;
import io.flowerstream.trainer.train.TrainingOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard and the alerts against the real services: an embedded broker and S3, the ingest
 * service (HTTP endpoint and archiver), the classifier and the trainer in this JVM, each with its
 * own registry and /metrics port, and Debian's Prometheus scraping them every second. Real photos (the
 * committed sample set) go in
 * over HTTP (labelled and unlabelled, plus refusals and a truncated image straight onto the topic),
 * the trainer runs once (1 epoch, 2 batches), the classifier loads the version and classifies,
 * feedback arrives, and one model load fails. Then:
 * <ul>
 *   <li>every panel query, variables substituted (All, and each variable's real values), runs as a
 *       range query and returns at least one number: an empty panel fails the test;</li>
 *   <li>every alert expression runs without error, and every series it reads exists (alert
 *       conditions are normally empty, so the rule is: the expression parses and evaluates, and each
 *       of its selectors, matchers included, matches a live series); Prometheus evaluated each rule
 *       of the real rule file with health "ok"; and FlowersModelLoadFailed, whose cause the test
 *       drove, is firing.</li>
 * </ul>
 * Skipped with a message without the prometheus binary.
 */
class LiveQueriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "flowerstream";
    private static final int LABELLED_PER_CLASS = 6;
    private static final int UNLABELLED_PER_CLASS = 3;
    private static final String RATE_INTERVAL = "10s";

    /** Variables whose label only Kubernetes scrapes carry; the live test's static targets have none. */
    private static final java.util.Set<String> KUBERNETES_ONLY_VARIABLES = java.util.Set.of("namespace");

    private final Deque<AutoCloseable> closing = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyPanelAndAlertQueryWorksOnTheRealServices(@TempDir Path tmp) throws Exception {
        Path prometheusBinary = Promtool.findOrSkip("prometheus");
        Instant started = Instant.now();
        try {
            run(prometheusBinary, tmp, started);
        } finally {
            while (!closing.isEmpty()) {
                try {
                    closing.pop().close();
                } catch (Exception e) {
                    System.err.println("closing: " + e);
                }
            }
            log(started, "everything stopped");
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        closing.push(resource);
        return resource;
    }

    private void run(Path prometheusBinary, Path tmp, Instant started) throws Exception {
        DjlRuntime.engine();
        EmbeddedKafka kafka = closeLater(EmbeddedKafka.inTempDir().start());
        for (String topic : List.of(Topics.IMAGES, Topics.PREDICTIONS, Topics.FEEDBACK)) {
            kafka.createTopic(topic, 2, Topics.configOf(topic));
        }
        for (String topic : List.of(Topics.MODELS, Topics.IMAGES_DLQ)) {
            kafka.createTopic(topic, 1, Topics.configOf(topic));
        }
        EmbeddedS3 s3 = closeLater(EmbeddedS3.inMemory().start());
        S3Settings s3Settings = new S3Settings(s3.endpoint(), s3.accessKey(), s3.secretKey(), BUCKET, s3.region());
        MinioClient minio = s3Settings.newClient();
        ModelRegistry registry = new ModelRegistry(minio, BUCKET);
        registry.ensureBucket();
        KafkaClientConfig kafkaConfig = KafkaClientConfig.of(kafka.bootstrapServers());
        log(started, "broker and S3 up");

        // ingest serve: POST /v1/images, /metrics, and the archiver, as `ingest serve` runs them
        PrometheusMeterRegistry ingestMeters = ServiceMetrics.newRegistry("ingest");
        IngestService ingest = closeLater(IngestService.start(
                new IngestService.Settings(
                        kafkaConfig,
                        new HttpSettings(
                                "127.0.0.1",
                                0,
                                ImageLimits.DEFAULT_MAX_BYTES,
                                HttpSettings.DEFAULT_SEND_TIMEOUT,
                                Optional.empty(),
                                4),
                        Topics.IMAGES,
                        CheckMode.DECODE,
                        new ArchiverSettings(
                                Topics.IMAGES,
                                Topics.IMAGES_DLQ,
                                ArchiverSettings.DEFAULT_GROUP,
                                Duration.ofSeconds(1)),
                        Optional.of(s3Settings)),
                ingestMeters));

        // the classifier, following the champion alias (it consumes once a version exists)
        PrometheusMeterRegistry classifierMeters = ServiceMetrics.newRegistry("classifier");
        ClassifierConfig classifierConfig = ClassifierConfig.builder(kafka.bootstrapServers(), tmp.resolve("models"))
                .model(ModelSpec.parse("champion"))
                .device(DeviceChoice.parse("cpu"))
                .httpPort(0)
                .modelPollInterval(Duration.ofSeconds(1))
                .stateDir(tmp.resolve("streams"))
                .streamThreads(1)
                .build();
        ClassifierService classifier = closeLater(ClassifierService.create(
                        classifierConfig,
                        new RegistryModelSource(registry),
                        new DecodingInputWriter(),
                        classifierMeters)
                .start());

        // the trainer, as `trainer serve` runs it, started once the photos are archived (so that its first
        // run sees all of them); its port is fixed now so that Prometheus knows the target from the start
        PrometheusMeterRegistry trainerMeters = ServiceMetrics.newRegistry("trainer");
        int trainerPort = FreePorts.next();
        RunSettings tinyRun = RunSettings.builder()
                .training(TrainingOptions.builder()
                        .epochs(1)
                        .batchSize(8)
                        .maxBatches(2)
                        .devices(new Device[] {Device.cpu()})
                        .build())
                .build();
        TrainerService.Settings trainerSettings = TrainerService.Settings.builder(
                        s3Settings,
                        kafkaConfig,
                        new RetrainPolicy(
                                Duration.ofHours(1),
                                0,
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(30),
                                Duration.ofMinutes(30)))
                .modelName(registry.modelName())
                .run(tinyRun)
                .httpPort(trainerPort)
                .build();

        // the lag exporter, as `lag-exporter` runs it with its defaults (the classifier's groups on flowers.images)
        LagExporter lagExporter = closeLater(new LagExporter(
                        new GroupLagReader(
                                closeLater(kafka.admin()),
                                Pattern.compile(LagExporterCommand.DEFAULT_GROUP_PATTERN),
                                Set.of(Topics.IMAGES),
                                Duration.ofSeconds(10)),
                        ServiceMetrics.newRegistry("lag-exporter"))
                .start("127.0.0.1", 0, Duration.ofSeconds(1)));

        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("ingest", ingest.address().replace("http://", ""));
        targets.put("classifier", classifier.opsAddress().replace("http://", ""));
        targets.put("trainer", "127.0.0.1:" + trainerPort);
        targets.put("kafka-exporter", lagExporter.address().replace("http://", ""));
        // The jobs of prometheus.yml; the archiver runs inside ingest serve, scraped as "ingest".
        assertThat(DashboardFiles.JOBS).containsExactlyElementsOf(targets.keySet());
        Path promDir = Files.createDirectories(tmp.resolve("prometheus"));
        PrometheusServer prometheus =
                closeLater(PrometheusServer.start(prometheusBinary, promDir, targets, DashboardFiles.RULES));
        log(started, "services and Prometheus up: " + targets + ", Prometheus at " + prometheus.address());
        // Prometheus applies new targets a few seconds after it is ready; traffic sent before the first
        // scrape is in that scrape's first sample and shows no increase to rate(), so wait for it.
        await(
                "Prometheus scrapes ingest and the classifier once",
                Duration.ofSeconds(30),
                () -> upCount(prometheus) >= 2);
        log(started, "first scrapes in");

        // Traffic 1: labelled photos over HTTP, two refusals, and a truncated photo straight onto the topic.
        String ingestUrl = ingest.address() + IngestHttpServer.IMAGES_PATH;
        Map<String, String> unlabelledTruth = new LinkedHashMap<>();
        List<Path> unlabelled = new ArrayList<>();
        for (String label : FlowerClasses.NAMES) {
            List<Path> photos = SamplePhotos.photos(label);
            for (Path photo : photos.subList(0, LABELLED_PER_CLASS)) {
                post(ingestUrl + "?label=" + label, Files.readAllBytes(photo), 202);
            }
            unlabelled.addAll(photos.subList(LABELLED_PER_CLASS, LABELLED_PER_CLASS + UNLABELLED_PER_CLASS));
        }
        post(ingestUrl, "not a photo at all".getBytes(StandardCharsets.UTF_8), 400);
        post(ingestUrl + "?label=orchid", Files.readAllBytes(unlabelled.get(0)), 400);
        byte[] whole = Files.readAllBytes(unlabelled.get(1));
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            ProducerRecord<String, byte[]> truncated =
                    new ProducerRecord<>(Topics.IMAGES, "truncated-photo", Arrays.copyOf(whole, whole.length / 3));
            truncated.headers().add(Headers.LABEL, "rose".getBytes(StandardCharsets.UTF_8));
            producer.send(truncated).get();
        }
        int labelled = LABELLED_PER_CLASS * FlowerClasses.NAMES.size();
        await(
                "the archiver stores the labelled photos",
                Duration.ofSeconds(60),
                () -> count(ingestMeters, "flowers.ingest.archived") >= labelled);
        log(started, labelled + " labelled photos archived");

        // One training run: version 1 becomes champion, is announced, and the classifier loads it.
        closeLater(TrainerService.start(trainerSettings, trainerMeters, ProgressListener.NONE));
        await(
                "the trainer publishes version 1 and the classifier serves it",
                Duration.ofSeconds(120),
                () -> classifier.isReady()
                        && classifier.models().servingVersion().orElse(0) == 1);
        log(started, "version 1 trained, published and served");

        // Traffic 2: unlabelled photos, then their true labels on flowers.feedback.
        for (Path photo : unlabelled) {
            JsonNode accepted = post(ingestUrl, Files.readAllBytes(photo), 202);
            unlabelledTruth.put(
                    accepted.path("imageId").asText(),
                    photo.getParent().getFileName().toString());
        }
        // Traffic 2b: the same photos again until version 1's drift window holds enough predictions for a score.
        int refill = Math.max(0, DriftMonitor.DEFAULT_MIN_OBSERVATIONS - labelled - unlabelled.size());
        for (int i = 0; i < refill; i++) {
            post(ingestUrl, Files.readAllBytes(unlabelled.get(i % unlabelled.size())), 202);
        }
        int expectedPredictions = labelled + unlabelled.size() + refill;
        await(
                "the classifier predicts every photo",
                Duration.ofSeconds(60),
                () -> count(classifierMeters, "flowers.classifier.predictions") >= expectedPredictions);
        // The classifier registers version 1's feedback counters at 0 when it loads it; once Prometheus
        // holds that 0, the feedback below shows as an increase however fast it is joined.
        await(
                "Prometheus scrapes version 1's feedback counters at 0",
                Duration.ofSeconds(30),
                () -> hasSeries(
                        prometheus,
                        "flowers_classifier_online_predictions_total{model_version=\"1\", source=\"feedback\"}"));
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (Map.Entry<String, String> truth : unlabelledTruth.entrySet()) {
                producer.send(new ProducerRecord<>(
                                Topics.FEEDBACK,
                                truth.getKey(),
                                truth.getValue().getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        }
        await(
                "feedback is joined with the predictions",
                Duration.ofSeconds(60),
                () ->
                        classifierMeters
                                        .find("flowers.classifier.online.predictions")
                                        .tag("source", "feedback")
                                        .counters()
                                        .stream()
                                        .mapToDouble(Counter::count)
                                        .sum()
                                >= unlabelledTruth.size());
        await(
                "the truncated photo is dead-lettered",
                Duration.ofSeconds(30),
                () -> count(classifierMeters, "flowers.classifier.dead.letters") >= 1);
        log(started, "predictions, feedback and dead letter seen");

        // A model load failure: the champion alias points at a version that does not exist, then back.
        byte[] missing = "999".getBytes(StandardCharsets.UTF_8);
        minio.putObject(PutObjectArgs.builder()
                .bucket(BUCKET)
                .object("models/" + registry.modelName() + "/aliases/" + ModelRegistry.CHAMPION)
                .stream(new ByteArrayInputStream(missing), missing.length, -1)
                .build());
        await(
                "the classifier refuses version 999",
                Duration.ofSeconds(30),
                () -> count(classifierMeters, "flowers.classifier.model.load.failures") >= 1);
        registry.setAlias(ModelRegistry.CHAMPION, 1);
        log(started, "model load failure seen");

        checkPrometheus(prometheus, started);

        // Every classifier down and images still arriving: the broker-view lag (what the lag panel and
        // FlowersClassifierGroupLagHigh read) stays in Prometheus and grows, with no classifier to report it.
        classifier.close();
        await(
                "Prometheus sees the classifier down",
                Duration.ofSeconds(20),
                () -> hasSeries(prometheus, "up{job=\"classifier\"} == 0"));
        int waiting = 5;
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (int i = 0; i < waiting; i++) {
                producer.send(new ProducerRecord<>(
                                Topics.IMAGES,
                                "after-classifier-" + i,
                                Files.readAllBytes(unlabelled.get(i % unlabelled.size()))))
                        .get();
            }
        }
        await(
                "the classifier group's lag grows on job kafka-exporter with the classifier down",
                Duration.ofSeconds(30),
                () -> hasSeries(
                        prometheus,
                        "sum(kafka_consumergroup_lag{job=\"kafka-exporter\", consumergroup=\""
                                + ClassifierConfig.DEFAULT_APPLICATION_ID + "\", topic=\"" + Topics.IMAGES + "\"}) >= "
                                + waiting));
        log(started, "classifier stopped: its group's lag still scraped from the lag exporter");
    }

    private void checkPrometheus(PrometheusServer prometheus, Instant started) throws Exception {
        // Every target is scraped.
        awaitQuietly(Duration.ofSeconds(20), () -> allTargetsUp(prometheus));
        JsonNode active = prometheus
                .get("/api/v1/targets", Map.of("state", "active"))
                .path("data")
                .path("activeTargets");
        List<String> up = new ArrayList<>();
        active.forEach(t -> up.add(
                t.path("labels").path("job").asText() + "=" + t.path("health").asText()));
        assertThat(up).containsExactlyInAnyOrder("ingest=up", "classifier=up", "trainer=up", "kafka-exporter=up");

        JsonNode dashboard = DashboardFiles.dashboard();
        List<Variable> variables = DashboardFiles.variables(dashboard);
        List<PanelQuery> queries = DashboardFiles.panelQueries(dashboard);

        // The last scrapes of the traffic above must be in before the panels are judged; rate() needs two samples.
        List<String> failures = List.of();
        Instant deadline = Instant.now().plusSeconds(30);
        do {
            Thread.sleep(2000);
            failures = checkPanels(prometheus, variables, queries, started);
        } while (!failures.isEmpty() && Instant.now().isBefore(deadline));
        log(started, queries.size() + " panel queries checked, " + failures.size() + " without data");
        if (!failures.isEmpty()) {
            System.out.println(explain(prometheus, failures, started));
        }

        // Alerts: each expression evaluates, and each of its selectors matches a live series.
        List<String> alertProblems = new ArrayList<>();
        for (DashboardFiles.Alert alert : DashboardFiles.alerts()) {
            JsonNode result = prometheus.query(alert.expr());
            if (!"success".equals(result.path("status").asText())) {
                alertProblems.add(alert.name() + ": " + result.path("error").asText());
            }
            for (String selector : Selectors.of(alert.expr())) {
                JsonNode series = prometheus.query("count(" + selector + ")");
                if (series.path("data").path("result").isEmpty()) {
                    alertProblems.add(alert.name() + ": no series for " + selector);
                }
            }
        }
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(failures).as("panel queries that returned no data").isEmpty();
        soft.assertThat(alertProblems).as("alert expressions").isEmpty();
        soft.assertAll();

        // Prometheus loaded the real rule file and evaluated every rule without error.
        JsonNode groups = prometheus.get("/api/v1/rules", Map.of()).path("data").path("groups");
        Map<String, String> health = new LinkedHashMap<>();
        groups.forEach(g -> g.path("rules")
                .forEach(r -> health.put(
                        r.path("name").asText(),
                        r.path("health").asText() + " " + r.path("lastError").asText(""))));
        assertThat(health.keySet())
                .containsExactlyInAnyOrderElementsOf(DashboardFiles.alerts().stream()
                        .map(DashboardFiles.Alert::name)
                        .toList());
        assertThat(health.values()).allSatisfy(h -> assertThat(h.trim()).isEqualTo("ok"));

        // The failure the test caused raises its alert end to end.
        awaitQuietly(Duration.ofSeconds(15), () -> firing(prometheus).contains("FlowersModelLoadFailed"));
        assertThat(firing(prometheus))
                .contains("FlowersModelLoadFailed")
                .doesNotContain("FlowersTargetDown", "FlowersTargetMissing", "FlowersTrainingRunFailed");
        log(started, DashboardFiles.alerts().size() + " alert expressions checked");
    }

    /**
     * Every query with the variables at All must return a number; and each query that filters on a
     * variable must return a number for at least one of the variable's real values.
     */
    private List<String> checkPanels(
            PrometheusServer prometheus, List<Variable> variables, List<PanelQuery> queries, Instant started)
            throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Variable v : variables) {
            all.put(v.name(), v.allValue());
            List<String> found = new ArrayList<>();
            prometheus
                    .query("group by (" + v.label() + ") (" + v.selector() + ")")
                    .path("data")
                    .path("result")
                    .forEach(r -> found.add(r.path("metric").path(v.label()).asText()));
            values.put(v.name(), found);
        }
        List<String> failures = new ArrayList<>();
        values.forEach((name, found) -> {
            // Static targets carry no namespace label: "All" (.*) matches them, as under docker compose.
            if (found.isEmpty() && !KUBERNETES_ONLY_VARIABLES.contains(name)) {
                failures.add("variable $" + name + " has no values");
            }
        });
        for (PanelQuery q : queries) {
            String problem = problem(prometheus, q, all, started);
            if (problem != null) {
                failures.add(problem);
                continue;
            }
            for (Variable v : variables) {
                if (!q.expr().contains("$" + v.name()) || values.get(v.name()).isEmpty()) {
                    continue;
                }
                boolean anyValue = false;
                for (String value : values.get(v.name())) {
                    Map<String, String> one = new LinkedHashMap<>(all);
                    one.put(v.name(), value);
                    if (problem(prometheus, q, one, started) == null) {
                        anyValue = true;
                        break;
                    }
                }
                if (!anyValue) {
                    failures.add(q + ": no data for any single value of $" + v.name() + " " + values.get(v.name()));
                }
            }
        }
        return failures;
    }

    /** Null when the query, with these values, returns at least one number over the test's time. */
    private static String problem(
            PrometheusServer prometheus, PanelQuery q, Map<String, String> values, Instant started) throws Exception {
        String expr = DashboardFiles.substitute(q.expr(), values, RATE_INTERVAL, "5m");
        JsonNode response = prometheus.queryRange(expr, started, Instant.now(), Duration.ofSeconds(2));
        if (!"success".equals(response.path("status").asText())) {
            return q + ": " + response.path("error").asText() + " in " + expr;
        }
        for (JsonNode series : response.path("data").path("result")) {
            for (JsonNode point : series.path("values")) {
                String v = point.get(1).asText();
                if (!v.equals("NaN") && !v.endsWith("Inf")) {
                    return null;
                }
            }
        }
        return q + ": no data for " + expr;
    }

    private static boolean allTargetsUp(PrometheusServer prometheus) {
        return upCount(prometheus) == 3;
    }

    private static boolean hasSeries(PrometheusServer prometheus, String selector) {
        try {
            return !prometheus.query(selector).path("data").path("result").isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** The number of targets whose last scrape succeeded. */
    private static int upCount(PrometheusServer prometheus) {
        try {
            JsonNode result = prometheus.query("up").path("data").path("result");
            int upCount = 0;
            for (JsonNode r : result) {
                upCount += "1".equals(r.path("value").get(1).asText()) ? 1 : 0;
            }
            return upCount;
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * Why panels came back empty, for the test log: each target's scrape history and, for each metric a
     * failing query reads, its total over the test, second by second, where it changed. A panel on a
     * rate() is empty when no two scrapes within the rate window saw the metric change.
     */
    private static String explain(PrometheusServer prometheus, List<String> failures, Instant started) {
        StringBuilder out = new StringBuilder("[live dashboards] why panels are empty:\n");
        List<String> exprs = new ArrayList<>(List.of("up"));
        for (String failure : failures) {
            int at = failure.indexOf(": no data for ");
            if (at >= 0) {
                Selectors.of(failure.substring(at + ": no data for ".length())).forEach(exprs::add);
            }
        }
        for (String selector : exprs.stream().distinct().toList()) {
            String expr = selector.equals("up") ? "up" : "sum(" + selector + ")";
            try {
                JsonNode result = prometheus
                        .queryRange(expr, started, Instant.now(), Duration.ofSeconds(1))
                        .path("data")
                        .path("result");
                for (JsonNode series : result) {
                    String job = series.path("metric").path("job").asText("");
                    out.append("  ")
                            .append(expr)
                            .append(job.isEmpty() ? "" : "{job=\"" + job + "\"}")
                            .append(':');
                    String last = null;
                    for (JsonNode point : series.path("values")) {
                        String value = point.get(1).asText();
                        if (!value.equals(last)) {
                            out.append(" +")
                                    .append(point.get(0).asLong() - started.getEpochSecond())
                                    .append("s=")
                                    .append(value);
                            last = value;
                        }
                    }
                    out.append('\n');
                }
                if (result.isEmpty()) {
                    out.append("  ").append(expr).append(": no series\n");
                }
            } catch (Exception e) {
                out.append("  ").append(expr).append(": ").append(e).append('\n');
            }
        }
        return out.append(prometheus.logTail()).toString();
    }

    private static List<String> firing(PrometheusServer prometheus) {
        try {
            List<String> names = new ArrayList<>();
            prometheus
                    .get("/api/v1/alerts", Map.of())
                    .path("data")
                    .path("alerts")
                    .forEach(a -> {
                        if ("firing".equals(a.path("state").asText())) {
                            names.add(a.path("labels").path("alertname").asText());
                        }
                    });
            return names;
        } catch (Exception e) {
            return List.of();
        }
    }

    private JsonNode post(String url, byte[] body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "image/jpeg")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("POST %s: %s", url, response.body())
                .isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static double count(MeterRegistry meters, String name) {
        return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(200);
        }
    }

    private static void awaitQuietly(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
    }

    private static void log(Instant started, String message) {
        System.out.printf(
                "[live dashboards +%ds] %s%n",
                Duration.between(started, Instant.now()).toSeconds(), message);
    }
}
