package io.flowerstream.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics on a broker under test as a downstream service would: from the beginning, only
 * committed records ({@code read_committed}), keys as text and values as bytes. {@link #all}
 * reads one topic to its end now, with assigned partitions and no consumer group (so nothing is
 * committed and the broker need not create its offsets topic); {@link #follow} keeps reading as
 * records arrive, in a group of its own. An instance is not thread-safe: one test thread calls
 * {@link #poll()}.
 */
public final class TopicRecords implements AutoCloseable {

    /** Above the topics' 10 MiB message limit, so that one large image never stalls a read. */
    private static final int MAX_FETCH_BYTES = 11 * 1024 * 1024;

    private final KafkaConsumer<String, byte[]> consumer;

    private TopicRecords(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Everything {@code topic} holds now, from the beginning of every partition to its end offset. */
    public static List<ConsumerRecord<String, byte[]>> all(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                properties(bootstrapServers), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " at " + bootstrapServers
                            + " to its end offsets " + end + " within 30 s: is the broker up?");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** A reader subscribed to {@code topics} from their beginning; {@link #poll()} returns what has arrived. */
    public static TopicRecords follow(String bootstrapServers, String... topics) {
        Properties props = properties(bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics));
        return new TopicRecords(consumer);
    }

    /** The records that arrived since the last call, waiting up to 200 ms for some. */
    public List<ConsumerRecord<String, byte[]>> poll() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private static Properties properties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // What services downstream see: records of aborted transactions never count.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_FETCH_BYTES);
        return props;
    }
}
