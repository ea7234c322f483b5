package io.flowerstream.classifier.it;

import io.flowerstream.classifier.batch.BatchingProcessor;
import io.flowerstream.classifier.batch.BufferedRecord;
import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.contracts.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.LongDeserializer;

/**
 * The classifier's batch buffer as its changelog topic holds it, read from outside the classifier:
 * for each partition of the images topic, the records put into the buffer and not yet deleted (the
 * batcher deletes a record in the same transaction that commits its prediction or dead letter).
 */
final class BufferChangelog {

    /** Kafka Streams names a store's changelog {@code <application id>-<store>-changelog}. */
    static final String TOPIC = ClassifierConfig.DEFAULT_APPLICATION_ID + "-" + BatchingProcessor.STORE + "-changelog";

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;

    BufferChangelog(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Buffered records per partition (offset to image id), as of the last committed transaction: what a restart
     * restores.
     */
    Map<Integer, SortedMap<Long, String>> committed() {
        return read(IsolationLevel.READ_COMMITTED);
    }

    /** Buffered records per partition, writes of transactions still open included: what the classifier holds now. */
    Map<Integer, SortedMap<Long, String>> includingOpenTransactions() {
        return read(IsolationLevel.READ_UNCOMMITTED);
    }

    /** True when no transaction is open on the changelog: on every partition the last stable offset is the end. */
    boolean settled() {
        try (KafkaConsumer<Long, BufferedRecord> committed = consumer(IsolationLevel.READ_COMMITTED);
                KafkaConsumer<Long, BufferedRecord> all = consumer(IsolationLevel.READ_UNCOMMITTED)) {
            List<TopicPartition> partitions = partitions(committed);
            return committed.endOffsets(partitions).equals(all.endOffsets(partitions));
        }
    }

    /** The number of records in a snapshot. */
    static int size(Map<Integer, SortedMap<Long, String>> buffer) {
        return buffer.values().stream().mapToInt(Map::size).sum();
    }

    /** The non-empty partitions of a snapshot and how many records each holds. */
    static Map<Integer, Integer> counts(Map<Integer, SortedMap<Long, String>> buffer) {
        return buffer.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size(), (a, b) -> a, TreeMap::new));
    }

    private Map<Integer, SortedMap<Long, String>> read(IsolationLevel isolation) {
        Map<Integer, SortedMap<Long, String>> buffer = new TreeMap<>();
        try (KafkaConsumer<Long, BufferedRecord> consumer = consumer(isolation)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed the end is the last stable offset: an open transaction's writes stay out.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            partitions.forEach(p -> buffer.put(p.partition(), new TreeMap<>()));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + TOPIC + " to its end " + end + " within "
                            + READ_TIMEOUT.toSeconds() + " s (" + isolation + ")");
                }
                for (ConsumerRecord<Long, BufferedRecord> r : consumer.poll(Duration.ofMillis(200))) {
                    SortedMap<Long, String> partition = buffer.get(r.partition());
                    if (r.value() == null) {
                        partition.remove(r.key());
                    } else {
                        partition.put(r.key(), r.value().imageId());
                    }
                }
            }
        }
        return buffer;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(info -> new TopicPartition(TOPIC, info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException(TOPIC + " does not exist: the classifier creates it when it starts");
        }
        return partitions;
    }

    private KafkaConsumer<Long, BufferedRecord> consumer(IsolationLevel isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.name().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES);
        // Never create the changelog by asking for it: Kafka Streams must create it with its own settings.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        Deserializer<BufferedRecord> values = BufferedRecord.serde().deserializer();
        return new KafkaConsumer<>(props, new LongDeserializer(), values);
    }
}
