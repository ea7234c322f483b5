package io.flowerstream.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.classifier.batch.BatchingProcessor;
import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.image.DecodingInputWriter;
import io.flowerstream.classifier.models.DirectoryModelSource;
import io.flowerstream.classifier.service.ClassifierService;
import io.flowerstream.classifier.topology.ClassifierTopology;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.embedded.EmbeddedKafka;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.reliability.support.ClassifierChild;
import io.flowerstream.reliability.support.ImageStream;
import io.flowerstream.reliability.support.PipelineOutput;
import io.flowerstream.reliability.support.PipelineTopics;
import io.flowerstream.testsupport.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Helm chart's StatefulSet gives the classifier, on a real broker: two instances with
 * static membership ({@code group.instance.id} = the pod name), one standby replica and a state
 * directory each that survives restarts, restarted one after the other as a rolling upgrade
 * does while images stream in. Every image still has exactly one committed prediction, and a
 * restarted instance restores only what it missed, not its stores' whole changelogs.
 */
class StaticMembershipRestartTest {

    private static final int PARTITIONS = 6;

    @Test
    void a_rolling_restart_of_two_static_members_keeps_one_prediction_per_image_and_restores_no_whole_store(
            @TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.inTempDir().start()) {
            PipelineTopics.create(kafka, PARTITIONS);
            Path models = ClassifierChild.modelFolder(dir.resolve("models"));
            ClassifierService a = start(kafka, models, dir, "classifier-0");
            ClassifierService b = start(kafka, models, dir, "classifier-1");
            try (Admin admin = kafka.admin();
                    ImageStream images = new ImageStream(kafka.bootstrapServers(), "rolling", 160, 120);
                    PipelineOutput output = new PipelineOutput(kafka.bootstrapServers())) {
                awaitReady(a, "classifier-0");
                awaitReady(b, "classifier-1");
                Eventually.await(
                        Duration.ofSeconds(120),
                        () -> staticMembers(admin).equals(Set.of("classifier-0-1", "classifier-1-1")),
                        () -> "both static members in the group, found " + staticMembers(admin));
                // History in both join stores before the restarts (predictions, and feedback for each
                // image, as users send it): what a full restore would replay.
                images.send(10, Duration.ofSeconds(8));
                sendFeedback(kafka, images.sent());
                List<String> history = images.sent();
                Eventually.await(
                        Duration.ofSeconds(120),
                        () -> output.poll().predictions().keySet().containsAll(history),
                        () -> "predictions of the first " + history.size() + " images before the restarts");
                CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> {
                    try {
                        images.send(4, Duration.ofSeconds(30));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

                long changelogRecords = joinChangelogRecords(admin);
                StringBuilder report = new StringBuilder();
                a = restart(a, kafka, models, dir, "classifier-0", report);
                b = restart(b, kafka, models, dir, "classifier-1", report);
                streaming.get(90, TimeUnit.SECONDS);

                List<String> sent = images.sent();
                Eventually.await(
                        Duration.ofSeconds(180),
                        () -> output.poll().predictions().keySet().containsAll(sent),
                        () -> "predictions of all " + sent.size() + " images; missing "
                                + sent.stream()
                                        .filter(id -> !output.predictions().containsKey(id))
                                        .count());
                long settle = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (System.nanoTime() < settle) {
                    output.poll();
                }
                long restoredA = joinStoresRestored(a);
                long restoredB = joinStoresRestored(b);
                System.out.printf(
                        "static membership rolling restart: %d images, %d committed predictions, changelog records "
                                + "before the restarts %d; %s%n",
                        sent.size(), output.predictionCount(), changelogRecords, report);

                assertThat(output.duplicatedPredictions())
                        .as("images predicted more than once")
                        .isEmpty();
                assertThat(output.predictionCount()).as("committed predictions").isEqualTo(sent.size());
                // At least one prediction-side record per image predicted before the restarts.
                assertThat(changelogRecords)
                        .as("records in the join stores' changelogs before the restarts")
                        .isGreaterThanOrEqualTo(history.size());
                // Each instance holds about half the tasks (and standbys of the rest): a full restore of its
                // active tasks alone would replay about half the changelog records. (The batch buffer is an
                // in-memory store, restored whole on every start by design; it holds only an open batch.)
                assertThat(restoredA)
                        .as("records classifier-0 restored after its restart")
                        .isLessThan(changelogRecords / 10);
                assertThat(restoredB)
                        .as("records classifier-1 restored after its restart")
                        .isLessThan(changelogRecords / 10);
                assertThat(staticMembers(admin)).containsExactlyInAnyOrder("classifier-0-1", "classifier-1-1");
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private static ClassifierService start(EmbeddedKafka kafka, Path models, Path dir, String pod) {
        ClassifierConfig config = ClassifierConfig.builder(kafka.bootstrapServers(), models)
                .maxBatchSize(4)
                .maxBatchDelay(Duration.ofMillis(20))
                .decodeThreads(1)
                .httpPort(0)
                .modelPollInterval(Duration.ofSeconds(2))
                // What the chart sets in the StatefulSet: a volume per pod, the pod's name, one standby.
                .stateDir(dir.resolve("state-" + pod))
                .groupInstanceId(pod)
                .standbyReplicas(1)
                .build();
        ClassifierService app = ClassifierService.create(
                config,
                new DirectoryModelSource(models),
                new DecodingInputWriter(),
                ServiceMetrics.newRegistry("classifier"));
        app.start();
        return app;
    }

    /** Stops {@code app} as Kubernetes does (SIGTERM: a clean close), starts its successor on the same state. */
    private static ClassifierService restart(
            ClassifierService app, EmbeddedKafka kafka, Path models, Path dir, String pod, StringBuilder report)
            throws InterruptedException {
        long stopping = System.nanoTime();
        app.close();
        ClassifierService next = start(kafka, models, dir, pod);
        awaitReady(next, pod);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
        report.append(String.format(
                "%s back and RUNNING %d ms after the stop, %d join-store records restored (%d batch-buffer records); ",
                pod, ms, joinStoresRestored(next), next.restores().restoredRecords(BatchingProcessor.STORE)));
        return next;
    }

    private static void awaitReady(ClassifierService app, String pod) throws InterruptedException {
        Eventually.await(
                Duration.ofSeconds(180),
                app::isReady,
                () -> pod + " to be ready (model loaded, Kafka Streams RUNNING)");
    }

    /** The group.instance.id of each member of the classifier's group (Streams adds "-<thread>"). */
    private static Set<String> staticMembers(Admin admin) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(
                            List.of(ClassifierConfig.DEFAULT_APPLICATION_ID))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(ClassifierConfig.DEFAULT_APPLICATION_ID);
            return group.members().stream()
                    .map(m -> m.groupInstanceId().orElse("(dynamic)"))
                    .collect(Collectors.toSet());
        } catch (Exception e) {
            return Set.of();
        }
    }

    /** Records restored into the join's two persistent window stores. */
    private static long joinStoresRestored(ClassifierService app) {
        return app.restores().restoredRecords(ClassifierTopology.JOIN_STORE + "-this-join-store")
                + app.restores().restoredRecords(ClassifierTopology.JOIN_STORE + "-other-join-store");
    }

    /** The true label of each image on the feedback topic, as a user's application sends it. */
    private static void sendFeedback(EmbeddedKafka kafka, List<String> ids) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ids.forEach(id -> producer.send(new ProducerRecord<>(Topics.FEEDBACK, id, "rose")));
            producer.flush();
        }
    }

    /** Records in the join stores' changelog topics (end minus start offsets): what a full restore replays. */
    private static long joinChangelogRecords(Admin admin) throws Exception {
        Set<String> changelogs = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(ClassifierConfig.DEFAULT_APPLICATION_ID + "-" + ClassifierTopology.JOIN_STORE)
                        && t.endsWith("-changelog"))
                .collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest =
                new TreeMap<>((x, y) -> x.toString().compareTo(y.toString()));
        Map<TopicPartition, OffsetSpec> earliest =
                new TreeMap<>((x, y) -> x.toString().compareTo(y.toString()));
        admin.describeTopics(changelogs)
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .forEach((name, d) -> d.partitions().forEach(p -> {
                    latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest());
                    earliest.put(new TopicPartition(name, p.partition()), OffsetSpec.earliest());
                }));
        long end = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(o -> o.offset())
                .sum();
        long start = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(o -> o.offset())
                .sum();
        return end - start;
    }
}
