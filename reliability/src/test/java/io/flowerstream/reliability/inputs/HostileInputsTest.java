package io.flowerstream.reliability.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowerstream.contracts.ids.ImageId;
import io.flowerstream.contracts.topics.Headers;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.ingest.archive.ArchiverSettings;
import io.flowerstream.ingest.check.CheckMode;
import io.flowerstream.ingest.cli.IngestCommand;
import io.flowerstream.ingest.http.BearerToken;
import io.flowerstream.ingest.http.HttpSettings;
import io.flowerstream.ingest.http.IngestHttpServer;
import io.flowerstream.ingest.service.IngestService;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.platform.s3.S3Settings;
import io.flowerstream.reliability.inputs.HostileCorpus.Specimen;
import io.flowerstream.reliability.report.Check;
import io.flowerstream.reliability.report.Results;
import io.flowerstream.reliability.support.ClassifierChild;
import io.flowerstream.reliability.support.PeakRss;
import io.flowerstream.reliability.support.PipelineOutput;
import io.flowerstream.reliability.support.PipelineOutput.DeadLetter;
import io.flowerstream.reliability.support.PipelineTopics;
import io.flowerstream.testsupport.Eventually;
import io.flowerstream.testsupport.Http;
import io.flowerstream.testsupport.TestImages;
import io.flowerstream.testsupport.junit.EmbeddedKafkaExtension;
import io.flowerstream.testsupport.junit.EmbeddedS3Extension;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.awt.Color;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The hostile corpus through every way in at once: {@code ingest push} (the CLI, in this JVM),
 * {@code POST /v1/images} (the ingest service with its archiver, in this JVM), and a plain
 * producer straight to {@code flowers.images}, read by the classifier in its own JVM and by the
 * archiver. Each file must be classified or refused with its reason code on every path, no
 * process may die, and both JVMs' peak resident memory must stay under the bounds below.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputsTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    /** The classifier JVM runs with -Xmx1g; DJL's native memory comes on top. */
    static final long CLASSIFIER_RSS_BOUND = 1536L * 1024 * 1024;
    /**
     * This JVM (-Xmx3g) holds the broker, the S3 server, ingest HTTP, the archiver and the CLI, and
     * whatever heap earlier test classes grew: its bound is the heap limit plus 512 MiB of native memory.
     */
    static final long TEST_JVM_RSS_BOUND = 3584L * 1024 * 1024;

    private static final String BUCKET = "flowerstream";
    private static final String TOKEN = "hostile-inputs-token";
    private static final Pattern ARCHIVE_KEY =
            Pattern.compile("images/(daisy|dandelion|rose|sunflower|tulip)/[0-9a-f]{64}\\.(jpg|png)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Specimen> corpus = HostileCorpus.all();
    private ClassifierChild classifier;
    private IngestService ingest;
    private PipelineOutput output;
    private MinioClient s3;
    private boolean peakReset;

    @BeforeAll
    void startThePipeline(@TempDir Path dir) throws Exception {
        PipelineTopics.create(KAFKA.kafka(), 3);
        S3Settings s3Settings =
                new S3Settings(S3.s3().endpoint(), S3.s3().accessKey(), S3.s3().secretKey(), BUCKET);
        s3 = s3Settings.newClient();
        peakReset = PeakRss.reset();
        classifier = ClassifierChild.start(
                KAFKA.bootstrapServers(),
                ClassifierChild.modelFolder(dir.resolve("models")),
                dir.resolve("state"),
                dir.resolve("classifier.log"),
                Map.of(),
                "--max-batch-size",
                "4",
                "--decode-threads",
                "2");
        ingest = IngestService.start(
                new IngestService.Settings(
                        KafkaClientConfig.of(KAFKA.bootstrapServers()),
                        HttpSettings.onPort(0, ImageLimits.DEFAULT_MAX_BYTES, Optional.of(BearerToken.of(TOKEN))),
                        Topics.IMAGES,
                        CheckMode.DECODE,
                        ArchiverSettings.defaults(),
                        Optional.of(s3Settings)),
                ServiceMetrics.newRegistry("ingest"));
        output = new PipelineOutput(KAFKA.bootstrapServers());
        classifier.awaitReady(Duration.ofSeconds(180));
    }

    @AfterAll
    void stopThePipeline() throws Exception {
        if (output != null) {
            output.close();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (classifier != null) {
            classifier.close();
        }
    }

    @Test
    @Order(1)
    void every_hostile_file_is_classified_or_refused_with_its_reason_on_every_path_and_nothing_crashes(
            @TempDir Path files) throws Exception {
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(25);
        for (Specimen s : corpus) {
            Files.write(files.resolve(s.name()), s.bytes());
        }

        Map<String, String> cli = pushWithTheCli(files);
        Map<String, HttpResponse<String>> http = new LinkedHashMap<>();
        for (Specimen s : corpus) {
            http.put(s.name(), Http.post(imagesUrl("?label=rose"), "image/jpeg", s.bytes(), "Bearer " + TOKEN));
        }
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (Specimen s : corpus) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.IMAGES, topicKey(s), s.bytes());
                record.headers().add(Headers.LABEL, Headers.bytes("rose"));
                producer.send(record);
            }
            producer.flush();
        }

        Eventually.await(
                Duration.ofSeconds(300),
                () -> corpus.stream().allMatch(s -> settled(s)),
                () -> "every input predicted or dead-lettered; missing: "
                        + corpus.stream()
                                .filter(s -> !settled(s))
                                .map(Specimen::name)
                                .toList() + "; classifier log:\n"
                        + classifier.process().logTail());

        int order = 0;
        for (Specimen s : corpus) {
            String cliOutcome = cli.get(s.name());
            HttpResponse<String> response = http.get(s.name());
            String httpCode = response.statusCode() == 202
                    ? HostileCorpus.CLASSIFIED
                    : JSON.readTree(response.body()).path("error").asText();
            assertThat(cliOutcome).as("CLI outcome of %s", s.name()).isEqualTo(s.expected());
            assertThat(httpCode)
                    .as("HTTP outcome of %s (%s)", s.name(), response.body())
                    .isEqualTo(s.expected());
            assertThat(response.statusCode())
                    .as("HTTP status of %s", s.name())
                    .isEqualTo(s.classified() ? 202 : s.expected().equals("too_large") ? 413 : 400);
            String topicOutcome;
            if (s.classified()) {
                assertThat(output.predictions().get(topicKey(s)))
                        .as("predictions of %s sent to the topic", s.name())
                        .hasSize(1);
                assertThat(output.predictions())
                        .as("the image %s accepted by CLI and HTTP is predicted", s.name())
                        .containsKey(ImageId.of(s.bytes()));
                assertThat(output.deadLetters().get(topicKey(s)))
                        .as("dead letters of %s", s.name())
                        .isNull();
                String object =
                        "images/rose/" + ImageId.of(s.bytes()) + "." + (s.bytes()[0] == (byte) 0x89 ? "png" : "jpg");
                assertThat(objects()).as("archived objects").contains(object);
                topicOutcome =
                        "predicted; archived as `images/rose/<sha256>." + object.substring(object.length() - 3) + "`";
            } else {
                List<DeadLetter> letters = output.deadLetters().get(topicKey(s));
                assertThat(letters)
                        .as("dead letters of %s sent to the topic", s.name())
                        .containsExactlyInAnyOrder(
                                new DeadLetter("decode", s.expected()), new DeadLetter("archive", s.expected()));
                assertThat(output.predictions())
                        .as("predictions of %s", s.name())
                        .doesNotContainKey(topicKey(s));
                topicOutcome = "dead-lettered by the classifier (`decode`/`" + s.expected()
                        + "`) and the archiver (`archive`/`" + s.expected() + "`)";
            }
            Results.input(
                    ++order,
                    s.name(),
                    s.description() + " (" + s.bytes().length + " bytes)",
                    "CLI: " + (s.classified() ? "published" : "skipped `" + s.expected() + "`") + "; HTTP: "
                            + response.statusCode() + (s.classified() ? "" : " `" + s.expected() + "`") + "; topic: "
                            + topicOutcome);
        }
        assertThat(output.duplicatedPredictions())
                .as("image ids predicted more than once from the topic path")
                .doesNotContainKeys(
                        corpus.stream().map(HostileInputsTest::topicKey).toArray(String[]::new));
        assertThat(classifier.process().isAlive())
                .as("the classifier JVM is alive")
                .isTrue();
        assertThat(classifier.isReady()).as("the classifier is still ready").isTrue();
        assertThat(Http.get(ingest.address() + "/health/live").statusCode()).isEqualTo(200);

        long classifierPeak = classifier.process().peakRssBytes();
        long testPeak = PeakRss.bytes();
        assertThat(classifierPeak).as("peak RSS of the classifier JVM").isBetween(1L, CLASSIFIER_RSS_BOUND);
        assertThat(testPeak).as("peak RSS of the test JVM").isBetween(1L, TEST_JVM_RSS_BOUND);
        long refused = corpus.stream().filter(s -> !s.classified()).count();
        Results.passed(
                Check.INPUT_MEMORY,
                corpus.size() + " generated inputs (" + (corpus.size() - refused) + " usable, "
                        + refused
                        + " refused) through CLI, HTTP and the topic: every one classified or refused with the "
                        + "expected reason on every path (rows below); the classifier JVM (-Xmx1g, 2 decode threads, "
                        + "batch 4) and this JVM (-Xmx3g; broker, S3, ingest HTTP, archiver, CLI) stayed alive and "
                        + "ready",
                "peak RSS: classifier JVM " + PeakRss.mib(classifierPeak) + " (bound "
                        + PeakRss.mib(CLASSIFIER_RSS_BOUND)
                        + "); test JVM " + PeakRss.mib(testPeak)
                        + (peakReset ? " since the pipeline started" : " since JVM start")
                        + " (bound " + PeakRss.mib(TEST_JVM_RSS_BOUND) + ")");
    }

    @Test
    @Order(2)
    void ids_and_labels_with_path_characters_never_steer_where_anything_is_stored(@TempDir Path dir) throws Exception {
        byte[] image = TestImages.jpeg(TestImages.halves(50, 40, Color.CYAN, Color.DARK_GRAY));
        List<String> checked = new ArrayList<>();
        for (String label : List.of("../../etc", "%2F..%2Fetc", "ro\u0000se", "rose/../../x", "..")) {
            HttpResponse<String> response = Http.post(
                    imagesUrl("?label=" + URLEncoder.encode(label, StandardCharsets.UTF_8)),
                    "image/jpeg",
                    image,
                    "Bearer " + TOKEN);
            assertThat(response.statusCode())
                    .as("HTTP label %s: %s", printable(label), response.body())
                    .isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("unknown_label");
        }
        HttpResponse<String> trailingNul =
                Http.post(imagesUrl("?label=rose%00"), "image/jpeg", image, "Bearer " + TOKEN);
        assertThat(trailingNul.statusCode())
                .as("HTTP label rose<NUL>: %s", trailingNul.body())
                .isEqualTo(202);
        var accepted = JSON.readTree(trailingNul.body());
        assertThat(labelAt(
                        accepted.path("partition").asInt(),
                        accepted.path("offset").asLong()))
                .as("the label header published for rose<NUL>")
                .isEqualTo("rose");
        checked.add("HTTP `?label=` `../../etc`, `%2F..%2Fetc`, `ro<NUL>se`, `rose/../../x`, `..`: 400 "
                + "`unknown_label`; `rose<NUL>` is trimmed (as spaces are) to `rose`: 202, and the published `label` "
                + "header is exactly `rose`");

        Files.write(dir.resolve("a.jpg"), image);
        assertThat(cli("push", dir.toString(), "--label", "../../etc", "--bootstrap-servers", KAFKA.bootstrapServers())
                        .code())
                .as("exit code of --label ../../etc")
                .isEqualTo(2);
        Path folder = Files.createDirectories(dir.resolve("..%2Fetc"));
        Files.write(folder.resolve("b.jpg"), image);
        CliResult fromFolder =
                cli("push", folder.toString(), "--label-from-folder", "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(fromFolder.out())
                .as(fromFolder.out())
                .contains("skipped " + folder.resolve("b.jpg") + ": unknown_label");
        checked.add("CLI `--label ../../etc`: exit 2; `--label-from-folder` in a folder named `..%2Fetc`: skipped "
                + "`unknown_label`");

        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("../x", "rose");
        keys.put("..%2F..%2Fx", "rose");
        keys.put("a\u0000b/../../c", "rose");
        keys.put("label-dotdot", "../../etc");
        keys.put("label-encoded", "rose%2F..");
        keys.put("label-nul", "rose\u0000");
        try (KafkaProducer<String, byte[]> producer = producer()) {
            int n = 0;
            for (Map.Entry<String, String> e : keys.entrySet()) {
                byte[] bytes = TestImages.jpeg(TestImages.halves(50, 40, Color.CYAN, new Color(10 * ++n, 20, 30)));
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.IMAGES, e.getKey(), bytes);
                record.headers().add(Headers.LABEL, e.getValue().getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
        Eventually.await(
                Duration.ofSeconds(120),
                () -> {
                    output.poll();
                    return keys.keySet().stream()
                                    .allMatch(k -> output.predictions().containsKey(k))
                            && keys.entrySet().stream()
                                    .filter(e -> !e.getValue().equals("rose"))
                                    .allMatch(e -> output.deadLetters().containsKey(e.getKey()));
                },
                () -> "predictions of " + keys.keySet() + " and dead letters of the bad labels; have predictions "
                        + output.predictions().keySet() + ", dead letters "
                        + output.deadLetters().keySet());
        keys.forEach((key, label) -> {
            assertThat(output.predictions().get(key))
                    .as("predictions keyed %s", printable(key))
                    .hasSize(1);
            if (!label.equals("rose")) {
                assertThat(output.deadLetters().get(key))
                        .as("dead letters of label %s", printable(label))
                        .containsExactly(new DeadLetter("archive", "unknown_label"));
            }
        });
        checked.add("topic keys `../x`, `..%2F..%2Fx`, `a<NUL>b/../../c` (label rose): predicted under that exact key, "
                + "archived under `images/rose/<sha256>.jpg`; labels `../../etc`, `rose%2F..`, `rose<NUL>`: predicted, "
                + "and dead-lettered by the archiver as `unknown_label`");
        Results.passed(Check.INPUT_PATH_TEXT, String.join("; ", checked), "");
    }

    @Test
    @Order(3)
    void every_object_the_archiver_wrote_has_a_key_built_from_a_valid_label_and_a_hash() throws Exception {
        List<String> objects = objects();

        assertThat(objects)
                .as("objects in the bucket")
                .isNotEmpty()
                .allSatisfy(key -> assertThat(key).as("object key").matches(ARCHIVE_KEY));
        Results.passed(
                Check.S3_OBJECT_KEYS,
                "after the hostile corpus and the path-character ids and labels above, every object in the bucket "
                        + "matches `images/(daisy|dandelion|rose|sunflower|tulip)/[0-9a-f]{64}\\.(jpg|png)`; a record "
                        + "with label `../../etc` or key `../x` never leaves that layout (`ArchiveKey` builds keys "
                        + "only from a validated label, the SHA-256 computed by the archiver and an extension from "
                        + "magic bytes)",
                objects.size() + " objects checked");
    }

    /** The {@code label} header of the record at {@code offset} of a partition of the images topic. */
    private static String labelAt(int partition, long offset) {
        Properties props = new Properties();
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(
                org.apache.kafka.clients.consumer.ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                Topics.MAX_MESSAGE_BYTES);
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var tp = new org.apache.kafka.common.TopicPartition(Topics.IMAGES, partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Headers.text(record.headers(), Headers.LABEL);
                    }
                }
            }
            throw new AssertionError("no record at " + tp + "@" + offset);
        }
    }

    /** Whether the topic copy of {@code s} has its final outcome(s) committed. */
    private boolean settled(Specimen s) {
        output.poll();
        if (s.classified()) {
            return output.predictions().containsKey(topicKey(s))
                    && output.predictions().containsKey(ImageId.of(s.bytes()))
                    && objectsQuietly().stream().anyMatch(k -> k.contains(ImageId.of(s.bytes())));
        }
        List<DeadLetter> letters = output.deadLetters().getOrDefault(topicKey(s), List.of());
        return letters.size() >= 2;
    }

    /**
     * Pushes the folder once with {@code --label rose}; returns each file's outcome: classified (published) or its skip
     * reason.
     */
    private Map<String, String> pushWithTheCli(Path files) {
        CliResult run =
                cli("push", files.toString(), "--label", "rose", "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(run.code())
                .as("exit code of ingest push; output:\n" + run.out() + run.err())
                .isZero();
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Specimen s : corpus) {
            String prefix = "skipped " + files.resolve(s.name()) + ": ";
            outcomes.put(
                    s.name(),
                    run.out()
                            .lines()
                            .filter(l -> l.startsWith(prefix))
                            .map(l -> l.substring(prefix.length()).split(" ")[0])
                            .findFirst()
                            .orElse(HostileCorpus.CLASSIFIED));
        }
        long usable = corpus.stream().filter(Specimen::classified).count();
        assertThat(run.out()).contains("published " + usable + " of " + corpus.size() + " images");
        return outcomes;
    }

    private record CliResult(int code, String out, String err) {}

    private static CliResult cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = IngestCommand.commandLine(Map.of());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new CliResult(code, out.toString(), err.toString());
    }

    private String imagesUrl(String query) {
        return ingest.address() + IngestHttpServer.IMAGES_PATH + query;
    }

    private static String topicKey(Specimen s) {
        return "hostile-" + s.name();
    }

    private static String printable(String text) {
        return text.replace("\u0000", "<NUL>");
    }

    private List<String> objects() throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : s3.listObjects(
                ListObjectsArgs.builder().bucket(BUCKET).recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    private List<String> objectsQuietly() {
        try {
            return objects();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
