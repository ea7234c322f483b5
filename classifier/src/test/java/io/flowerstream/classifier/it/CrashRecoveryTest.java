package io.flowerstream.classifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.Model;
import io.flowerstream.classifier.TestImages;
import io.flowerstream.classifier.serving.DirectoryModelSource;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.events.Headers;
import io.flowerstream.model.events.PredictionEvent;
import io.flowerstream.model.events.Topics;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.testsupport.EmbeddedKafka;
import io.flowerstream.testsupport.SharedDatasets;
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
import java.util.UUID;
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
 * Exactly-once across a crash: the classifier, in its own JVM, is killed with SIGKILL while
 * batches are in flight, started again, and the committed output holds exactly one prediction
 * per good image and one dead letter per bad record.
 */
class CrashRecoveryTest {

    static final int PARTITIONS = 3;
    static final int PER_CLASS = 40;
    static final int BATCH = 16;
    /** First wave per partition: three full batches and two records left waiting for the (long) delay. */
    static final int WAVE_ONE_PER_PARTITION = 3 * BATCH + 2;

    @TempDir
    Path tmp;

    @Test
    void a_classifier_killed_mid_batch_and_restarted_leaves_exactly_one_prediction_per_good_image() throws Exception {
        Path photos = SharedDatasets.flowers().orElse(null);
        assumeTrue(photos != null, "no shared photos at ../shared/datasets/flowers: skipping the crash test");
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

            Map<String, byte[]> good = new LinkedHashMap<>();
            SharedDatasets.photosByClass(photos).forEach((label, files) ->
                    files.stream().limit(PER_CLASS).forEach(f -> good.put(label + "-" + f.getFileName(), read(f))));
            Map<String, byte[]> bad = Map.of("bad-text", TestImages.text(), "bad-empty", new byte[0],
                    "bad-random", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            List<String> ids = new ArrayList<>(good.keySet());
            int waveOneGood = PARTITIONS * WAVE_ONE_PER_PARTITION - bad.size();
            publishWaveOne(kafka, ids.subList(0, waveOneGood), good, bad);

            Path stateDir = tmp.resolve("state");
            Path log = tmp.resolve("classifier.log");
            String[] firstArgs = args(kafka, models, stateDir, 20_000);
            // The restarted instance need not hold partial batches back: restored ones flush at once anyway.
            String[] restartArgs = args(kafka, models, stateDir, 500);
            // A short session so that the restarted instance need not wait 45 s for the dead one to expire.
            Map<String, String> env = Map.of("KAFKA_SESSION_TIMEOUT_MS", "6000", "KAFKA_HEARTBEAT_INTERVAL_MS", "1000");

            Map<String, Integer> predicted = new HashMap<>();
            Map<String, Integer> deadLetters = new HashMap<>();
            try (KafkaConsumer<String, byte[]> predictions = committedReader(kafka, Topics.PREDICTIONS);
                 KafkaConsumer<String, byte[]> dlq = committedReader(kafka, Topics.IMAGES_DLQ)) {
                ClassifierProcess first = ClassifierProcess.start(log, env, firstArgs);
                try {
                    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    int fullBatches = waveOneGood - 2 * PARTITIONS;
                    while (count(predicted) < fullBatches && System.nanoTime() < deadline) {
                        drain(predictions, predicted);
                    }
                    assertThat(count(predicted)).as("full batches predicted before the kill; log:\n" + first.logTail())
                            .isEqualTo(fullBatches);
                    // Two records per partition now wait in the buffer. Their store writes commit with the
                    // next transaction (commit.interval.ms is 100 ms under exactly-once); on a loaded
                    // machine that can lag the visible predictions, so give it well over one interval
                    // before the kill, or the restart would re-read them instead of restoring them.
                    Thread.sleep(2_000);
                    // A second wave puts batches in flight, and the kill lands in the middle of them.
                    publish(kafka, ids.subList(waveOneGood, ids.size()), good);
                } finally {
                    first.killHard();
                }
                int beforeKill = count(predicted);

                try (ClassifierProcess second = ClassifierProcess.start(log, env, restartArgs)) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                    while ((predicted.size() < good.size() || deadLetters.size() < bad.size()) && System.nanoTime() < deadline) {
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
                    assertThat(predicted).as("exactly one prediction each").allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
                    assertThat(deadLetters.keySet()).containsExactlyInAnyOrderElementsOf(bad.keySet());
                    assertThat(deadLetters).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
                    List<String> restored = Files.readAllLines(log).stream()
                            .filter(l -> l.contains("restored into the batch buffer")).toList();
                    restored.forEach(l -> System.out.println("after the kill: " + l));
                    assertThat(restored).as("the kill must find committed records in a batch buffer").isNotEmpty();
                    System.out.printf("crash test: %d of %d predicted before the kill, all %d exactly once after%n",
                            beforeKill, good.size(), good.size());
                }
            }
        }
    }

    private static String[] args(EmbeddedKafka kafka, Path models, Path stateDir, int maxBatchDelayMs) {
        return new String[] {"--bootstrap-servers", kafka.bootstrapServers(), "--model-dir", models.toString(),
                "--state-dir", stateDir.toString(), "--http-port", "0", "--max-batch-size", String.valueOf(BATCH),
                // A long delay keeps partial batches in the buffer across commits, so the kill finds them there.
                "--max-batch-delay-ms", String.valueOf(maxBatchDelayMs), "--model-poll-seconds", "2"};
    }

    /** Bad records first (one per partition), then the good ones, spread evenly over the partitions. */
    private static void publishWaveOne(EmbeddedKafka kafka, List<String> ids, Map<String, byte[]> good, Map<String, byte[]> bad) {
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
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static void drain(KafkaConsumer<String, byte[]> consumer, Map<String, Integer> seen) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            String id = r.topic().equals(Topics.PREDICTIONS) ? PredictionEvent.fromJson(r.value()).imageId() : r.key();
            seen.merge(id, 1, Integer::sum);
        }
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
