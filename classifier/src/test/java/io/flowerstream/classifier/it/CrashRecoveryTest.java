package io.flowerstream.classifier.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import io.flowerstream.classifier.models.DirectoryModelSource;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.events.PredictionEvent;
import io.flowerstream.contracts.topics.Headers;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.embedded.EmbeddedKafka;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.testsupport.SamplePhotos;
import io.flowerstream.testsupport.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once across a crash: the classifier, in its own JVM, is killed with SIGKILL while an
 * open batch holds records (read from the batch buffer's changelog before the kill, and checked
 * again after it), started again, and the committed output holds exactly one prediction per good
 * image and one dead letter per bad record. The images are the committed sample photos and
 * pictures the test makes: the model is untrained, only decoding and batching matter here.
 */
class CrashRecoveryTest {

    static final int PARTITIONS = 3;
    static final int PER_CLASS = 40;
    static final int BATCH = 16;
    /** First wave per partition: three full batches and two records left waiting for the (long) delay. */
    static final int WAVE_ONE_PER_PARTITION = 3 * BATCH + 2;
    /**
     * The longest delay the classifier takes: no partial batch of the first instance is flushed by it before the kill.
     */
    static final int FIRST_MAX_BATCH_DELAY_MS = 60_000;

    private static final Pattern RESTORED =
            Pattern.compile("task \\d+_(\\d+): (\\d+) records restored into the batch buffer");

    @TempDir
    Path tmp;

    @Test
    void a_classifier_killed_mid_batch_and_restarted_leaves_exactly_one_prediction_per_good_image() throws Exception {
        DjlRuntime.engine();
        Path models = Files.createDirectories(tmp.resolve("models"));
        DirectoryModelSource source = new DirectoryModelSource(models);
        try (Model model = FlowerModels.newModel(Device.cpu())) {
            source.publish(1, FlowerModels.saveParams(model));
        }
        source.setAlias("champion", 1);

        try (EmbeddedKafka kafka = EmbeddedKafka.inTempDir().start()) {
            for (String topic : List.of(Topics.IMAGES, Topics.PREDICTIONS, Topics.FEEDBACK)) {
                kafka.createTopic(topic, PARTITIONS, Topics.configOf(topic));
            }
            kafka.createTopic(Topics.IMAGES_DLQ, 1, Topics.configOf(Topics.IMAGES_DLQ));
            kafka.createTopic(Topics.MODELS, 1, Topics.configOf(Topics.MODELS));

            Map<String, byte[]> good = images();
            Map<String, byte[]> bad = Map.of(
                    "bad-text",
                    TestImages.text(),
                    "bad-empty",
                    new byte[0],
                    "bad-random",
                    UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            List<String> ids = new ArrayList<>(good.keySet());
            int waveOneGood = PARTITIONS * WAVE_ONE_PER_PARTITION - bad.size();
            publishWaveOne(kafka, ids.subList(0, waveOneGood), good, bad);

            Path stateDir = tmp.resolve("state");
            String[] firstArgs = args(kafka, models, stateDir, FIRST_MAX_BATCH_DELAY_MS);
            // The restarted instance need not hold partial batches back: restored ones flush at once anyway.
            String[] restartArgs = args(kafka, models, stateDir, 500);
            // A short session so that the restarted instance need not wait 45 s for the dead one to expire.
            Map<String, String> env = Map.of("KAFKA_SESSION_TIMEOUT_MS", "6000", "KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
            BufferChangelog buffer = new BufferChangelog(kafka.bootstrapServers());

            Map<String, Integer> predicted = new HashMap<>();
            Map<String, Integer> deadLetters = new HashMap<>();
            try (KafkaConsumer<String, byte[]> predictions = committedReader(kafka, Topics.PREDICTIONS);
                    KafkaConsumer<String, byte[]> dlq = committedReader(kafka, Topics.IMAGES_DLQ)) {
                ClassifierProcess first = ClassifierProcess.start(tmp.resolve("classifier.log"), env, firstArgs);
                Map<Integer, SortedMap<Long, String>> openBatches;
                try {
                    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    int fullBatches = waveOneGood - 2 * PARTITIONS;
                    while (count(predicted) < fullBatches && System.nanoTime() < deadline && first.isAlive()) {
                        drain(predictions, predicted);
                    }
                    assertThat(count(predicted))
                            .as("full batches predicted before the kill; log:\n" + first.logTail())
                            .isEqualTo(fullBatches);
                    // Two records per partition now wait in an open batch for the long delay. Their buffer
                    // writes commit with the next transaction: wait until the changelog holds them committed,
                    // or the restart would re-read them instead of restoring them.
                    await(
                            "two records per partition committed in the batch buffer",
                            buffer::committed,
                            b -> BufferChangelog.counts(b).equals(perPartition(2)),
                            first);
                    // A second wave puts batches in flight; the kill lands once the classifier is buffering it.
                    publish(kafka, ids.subList(waveOneGood, ids.size()), good);
                    openBatches = await(
                            "a record of the second wave in the batch buffer",
                            buffer::includingOpenTransactions,
                            b -> b.values().stream()
                                    .anyMatch(p -> !p.isEmpty() && p.lastKey() >= WAVE_ONE_PER_PARTITION),
                            first);
                } finally {
                    first.killHard();
                }
                System.out.println("crash test: killed with the batch buffer at " + BufferChangelog.counts(openBatches)
                        + " records per partition (committed or not)");

                // What the kill left: the killed instance's open transaction is aborted once it times
                // out; then the changelog's committed contents are exactly what a restart restores.
                await(
                        "the killed instance's open transaction to be " + "aborted",
                        buffer::settled,
                        settled -> settled,
                        first);
                Map<Integer, SortedMap<Long, String>> atKill = buffer.committed();
                assertThat(BufferChangelog.size(atKill))
                        .as("records in an open batch when the SIGKILL landed: with none, the kill came when nothing "
                                + "was in flight and this test proves nothing")
                        .isPositive();
                drainUntilQuiet(predictions, predicted);
                int beforeKill = count(predicted);
                List<String> unclassified = atKill.values().stream()
                        .flatMap(p -> p.values().stream())
                        .toList();
                assertThat(unclassified)
                        .as("buffered at the kill, so not yet predicted")
                        .noneMatch(predicted::containsKey);

                Path restartLog = tmp.resolve("classifier-restart.log");
                try (ClassifierProcess second = ClassifierProcess.start(restartLog, env, restartArgs)) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                    while ((predicted.size() < good.size() || deadLetters.size() < bad.size())
                            && System.nanoTime() < deadline) {
                        drain(predictions, predicted);
                        drain(dlq, deadLetters);
                    }
                    // Anything late (a duplicate) would show up now.
                    long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                    while (System.nanoTime() < settle) {
                        drain(predictions, predicted);
                        drain(dlq, deadLetters);
                    }
                    String context = "predicted " + beforeKill + " before the kill; log:\n" + second.logTail();
                    assertThat(predicted.keySet()).as(context).containsExactlyInAnyOrderElementsOf(good.keySet());
                    assertThat(predicted)
                            .as("exactly one prediction each")
                            .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
                    assertThat(deadLetters.keySet()).containsExactlyInAnyOrderElementsOf(bad.keySet());
                    assertThat(deadLetters)
                            .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
                    Map<Integer, Integer> restored = restoredPerPartition(restartLog);
                    assertThat(restored)
                            .as("records the restart restored into the batch buffer, per partition, against "
                                    + "the buffer's committed contents at the kill; log:\n" + second.logTail())
                            .isEqualTo(BufferChangelog.counts(atKill));
                    System.out.printf(
                            "crash test: %d of %d predicted before the kill, %d in open batches restored %s, all %d "
                                    + "exactly once after%n",
                            beforeKill, good.size(), unclassified.size(), restored, good.size());
                }
            }
        }
    }

    /**
     * The ten sample photos of each class, then pictures made here, up to {@link #PER_CLASS}; ids start with the label.
     */
    private static Map<String, byte[]> images() {
        Map<String, byte[]> images = new LinkedHashMap<>();
        int seed = 0;
        for (String label : FlowerClasses.NAMES) {
            List<Path> photos = SamplePhotos.photos(label);
            photos.forEach(f -> images.put(label + "-" + f.getFileName(), read(f)));
            for (int i = photos.size(); i < PER_CLASS; i++) {
                images.put(label + "-generated-" + i, TestImages.jpeg(seed++));
            }
        }
        return images;
    }

    private static Map<Integer, Integer> perPartition(int records) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            counts.put(p, records);
        }
        return counts;
    }

    /** Polls {@code read} until {@code done} holds for what it returned (60 s at most); returns that. */
    private static <T> T await(String what, Supplier<T> read, Predicate<T> done, ClassifierProcess process)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = read.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 60 s waiting for " + what + "; last read: " + last
                        + "; classifier log:\n" + process.logTail());
            }
            Thread.sleep(100);
            last = read.get();
        }
        return last;
    }

    /** The first count each task of the restarted instance logged as restored (later lines come from rebalances). */
    private static Map<Integer, Integer> restoredPerPartition(Path log) throws java.io.IOException {
        Map<Integer, Integer> restored = new TreeMap<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = RESTORED.matcher(line);
            if (m.find()) {
                System.out.println("after the kill: " + line);
                restored.putIfAbsent(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
        }
        return restored;
    }

    private static String[] args(EmbeddedKafka kafka, Path models, Path stateDir, int maxBatchDelayMs) {
        return new String[] {
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--model-dir",
            models.toString(),
            "--state-dir",
            stateDir.toString(),
            "--http-port",
            "0",
            "--max-batch-size",
            String.valueOf(BATCH),
            // A long delay keeps partial batches in the buffer across commits, so the kill finds them there.
            "--max-batch-delay-ms",
            String.valueOf(maxBatchDelayMs),
            "--model-poll-seconds",
            "2"
        };
    }

    /** Bad records first (one per partition), then the good ones, spread evenly over the partitions. */
    private static void publishWaveOne(
            EmbeddedKafka kafka, List<String> ids, Map<String, byte[]> good, Map<String, byte[]> bad) {
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            int n = 0;
            for (Map.Entry<String, byte[]> e : bad.entrySet()) {
                producer.send(new ProducerRecord<>(Topics.IMAGES, n++ % PARTITIONS, e.getKey(), e.getValue()));
            }
            for (String id : ids) {
                producer.send(labelled(n++ % PARTITIONS, id, good.get(id)));
            }
            producer.flush();
        }
    }

    private static void publish(EmbeddedKafka kafka, List<String> ids, Map<String, byte[]> good) {
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            int n = 0;
            for (String id : ids) {
                producer.send(labelled(n++ % PARTITIONS, id, good.get(id)));
            }
            producer.flush();
        }
    }

    private static ProducerRecord<String, byte[]> labelled(int partition, String id, byte[] bytes) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.IMAGES, partition, id, bytes);
        record.headers().add(Headers.LABEL, id.substring(0, id.indexOf('-')).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> committedReader(EmbeddedKafka kafka, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-test-" + topic + "-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static void drain(KafkaConsumer<String, byte[]> consumer, Map<String, Integer> seen) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            String id = r.topic().equals(Topics.PREDICTIONS)
                    ? PredictionEvent.fromJson(r.value()).imageId()
                    : r.key();
            seen.merge(id, 1, Integer::sum);
        }
    }

    /** Reads until a poll brings nothing new. */
    private static void drainUntilQuiet(KafkaConsumer<String, byte[]> consumer, Map<String, Integer> seen) {
        int before;
        do {
            before = count(seen);
            drain(consumer, seen);
            drain(consumer, seen);
        } while (count(seen) > before);
    }

    private static int count(Map<String, Integer> seen) {
        return seen.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
