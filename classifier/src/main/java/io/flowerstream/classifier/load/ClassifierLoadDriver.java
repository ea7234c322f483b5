package io.flowerstream.classifier.load;

import io.flowerstream.contracts.events.PredictionEvent;
import io.flowerstream.contracts.topics.Topics;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Drives a running classifier through Kafka the way the benchmarks measure it: publishes image
 * files to {@link Topics#IMAGES} and reads the committed predictions back from
 * {@link Topics#PREDICTIONS} ({@code read_committed}, so an image counts once its prediction is
 * visible to any consumer), either all at once (throughput) or at a fixed rate (latency).
 *
 * <p>Shared by {@code bench-classifier} and {@code gpu-check}, so both measure the same thing.
 * Images are keyed {@code <tag>-<n>}; predictions of other keys are ignored.
 */
public final class ClassifierLoadDriver implements AutoCloseable {

    /** How long a run waits for its last prediction before it fails. */
    private static final Duration PATIENCE = Duration.ofSeconds(300);
    /** The longest a fixed-rate run's reader waits in one poll once every image is sent. */
    private static final Duration POLL_WHEN_ALL_SENT = Duration.ofMillis(100);

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> predictions;
    /** Fixed-rate runs so far: each keys its images apart, so a late prediction of one never counts in the next. */
    private int rateRuns;

    /** A producer and a predictions reader (positioned at the end) against {@code bootstrapServers}. */
    public ClassifierLoadDriver(String bootstrapServers) {
        this.producer = producer(bootstrapServers);
        this.predictions = reader(bootstrapServers);
    }

    /**
     * Per image, in ms, each sorted: publish to visible prediction, publish to classified (the
     * prediction's own {@code latencyMs}, from the record timestamp), and the difference (the
     * transaction's commit and the reader's fetch).
     */
    public record Latencies(long[] total, long[] toClassified, long[] afterClassified) {

        /** The {@code q} quantile of publish to visible. */
        public long totalAt(double q) {
            return percentile(total, q);
        }
    }

    /**
     * One all-at-once run: images published, distinct images whose prediction was read back,
     * and images/s from the first send to the last prediction read.
     */
    public record Throughput(int published, int predicted, double imagesPerSecond) {}

    /** The {@code q} quantile (0..1) of {@code sorted}, nearest rank. */
    public static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values to take a percentile of");
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * q) - 1))];
    }

    /**
     * Publishes {@code n} of {@code files} (in turn) at once and waits for a prediction of each.
     *
     * @throws IllegalStateException when not all predictions arrive within 300 s
     */
    public Throughput publishAndAwait(List<byte[]> files, int n, String tag) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            producer.send(new ProducerRecord<>(Topics.IMAGES, tag + "-" + i, files.get(i % files.size())));
        }
        producer.flush();
        // Distinct keys: a prediction read twice must not stand in for one that never came.
        Set<String> seenKeys = new HashSet<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (seenKeys.size() < n && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : predictions.poll(Duration.ofMillis(100))) {
                if (r.key().startsWith(tag + "-")) {
                    seenKeys.add(r.key());
                }
            }
        }
        int seen = seenKeys.size();
        if (seen < n) {
            throw new IllegalStateException("only " + seen + " of " + n + " predictions of run '" + tag
                    + "' arrived within " + PATIENCE.toSeconds() + " s: look for dead letters on " + Topics.IMAGES_DLQ
                    + " and the classifier's log");
        }
        return new Throughput(n, seen, n / ((System.nanoTime() - t0) / 1e9));
    }

    /**
     * Publishes at {@code rate} images/s for {@code seconds} and returns each image's latencies,
     * for those whose prediction arrived within a minute after the last send.
     */
    public Latencies atFixedRate(List<byte[]> files, double rate, double seconds) {
        int n = Math.max(1, (int) (rate * seconds));
        long[] sentAt = new long[n];
        long[] latency = new long[n];
        long[] toClassified = new long[n];
        Arrays.fill(latency, -1);
        long start = System.nanoTime();
        long periodNanos = (long) (1e9 / rate);
        int sent = 0;
        int seen = 0;
        String tag = "rate" + (++rateRuns) + "-";
        long deadline = start + (long) (seconds * 1e9) + Duration.ofSeconds(60).toNanos();
        while (seen < n && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            while (sent < n && now - start >= sent * periodNanos) {
                sentAt[sent] = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.IMAGES, tag + sent, files.get(sent % files.size())));
                sent++;
            }
            // Wait for predictions until the next send is due, not a fixed 1 ms: a reader waking a
            // thousand times a second spends the cores that the classifier it measures runs on.
            long nextSendAt = sent < n ? start + sent * periodNanos : now + POLL_WHEN_ALL_SENT.toNanos();
            long waitMs = Math.max(1, Math.min(POLL_WHEN_ALL_SENT.toMillis(), (nextSendAt - now) / 1_000_000));
            for (ConsumerRecord<String, byte[]> r : predictions.poll(Duration.ofMillis(waitMs))) {
                if (r.key().startsWith(tag)) {
                    int i = Integer.parseInt(r.key().substring(tag.length()));
                    if (i < n && latency[i] < 0) {
                        latency[i] = (System.nanoTime() - sentAt[i]) / 1_000_000;
                        toClassified[i] = PredictionEvent.fromJson(r.value()).latencyMs();
                        seen++;
                    }
                }
            }
        }
        long[] total = IntStream.range(0, n)
                .filter(i -> latency[i] >= 0)
                .mapToLong(i -> latency[i])
                .sorted()
                .toArray();
        long[] classified = IntStream.range(0, n)
                .filter(i -> latency[i] >= 0)
                .mapToLong(i -> toClassified[i])
                .sorted()
                .toArray();
        long[] after = IntStream.range(0, n)
                .filter(i -> latency[i] >= 0)
                .mapToLong(i -> Math.max(0, latency[i] - toClassified[i]))
                .sorted()
                .toArray();
        return new Latencies(total, classified, after);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> reader(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PREDICTIONS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    @Override
    public void close() {
        producer.close();
        predictions.close();
    }
}
