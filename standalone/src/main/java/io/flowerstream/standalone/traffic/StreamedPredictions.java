package io.flowerstream.standalone.traffic;

import io.flowerstream.platform.kafka.KafkaClientConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Counts the committed predictions of the streamed images, read from the predictions topic as
 * any downstream consumer would ({@code read_committed}): how many got one, and whether any got two.
 */
public final class StreamedPredictions implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> expected;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    /**
     * Starts reading {@code topic} from its current end, so only predictions made from now on count;
     * call before the images are sent.
     */
    public StreamedPredictions(KafkaClientConfig kafka, String topic, Collection<String> imageIds) {
        this.expected = Set.copyOf(imageIds);
        Properties props = kafka.toProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "flowerstream-standalone-watch");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end now, before any image is sent
        thread = new Thread(this::poll, "streamed-predictions");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        while (running.get()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key() != null && expected.contains(record.key())) {
                    counts.merge(record.key(), 1, Integer::sum);
                }
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    /** Streamed images with at least one committed prediction. */
    public int classified() {
        return counts.size();
    }

    /** Streamed images with more than one committed prediction (never expected). */
    public int duplicated() {
        return (int) counts.values().stream().filter(n -> n > 1).count();
    }

    /** Images being watched. */
    public int expected() {
        return expected.size();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
