package io.flowerstream.classifier.models;

import io.flowerstream.contracts.events.ModelAnnouncement;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code flowers.models} for versions announced under the followed alias and asks the
 * {@link ModelManager} to check the registry, which stays the source of truth: an announcement
 * only says "look now", so a lost or stale one costs at most one poll interval.
 *
 * <p>A plain consumer with every partition assigned (no group: every instance must see every
 * announcement), read from the beginning so a version announced while this instance was down
 * is noticed at start.
 */
public final class AnnouncementListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnnouncementListener.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final String modelName;
    private final String alias;
    private final Runnable onAnnouncement;
    private final Thread thread;
    private volatile boolean running = true;

    public AnnouncementListener(
            KafkaClientConfig kafka, String topic, String modelName, String alias, Runnable onAnnouncement) {
        Properties props = kafka.toProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "flowers-classifier-models");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.modelName = modelName;
        this.alias = alias;
        this.onAnnouncement = onAnnouncement;
        this.thread = new Thread(this::run, "model-announcements");
        this.thread.setDaemon(true);
    }

    public AnnouncementListener start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            assignWhenTopicExists();
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(1));
                boolean relevant = false;
                for (ConsumerRecord<String, byte[]> record : records) {
                    relevant |= isForUs(record);
                }
                if (relevant) {
                    onAnnouncement.run();
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } catch (RuntimeException e) {
            LOG.warn(
                    "stopped watching {} ({}); new versions are still found by polling the " + "registry",
                    topic,
                    e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void assignWhenTopicExists() throws WakeupException {
        while (running) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions != null && !partitions.isEmpty()) {
                Set<TopicPartition> assigned = partitions.stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toSet());
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                return;
            }
            LOG.info("topic {} does not exist yet; looking again in 5 s", topic);
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean isForUs(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return false;
        }
        try {
            ModelAnnouncement announcement = ModelAnnouncement.fromJson(record.value());
            boolean ours = modelName.equals(announcement.modelName())
                    && announcement.aliases().contains(alias);
            if (ours) {
                LOG.info("version {} of {} announced as {}", announcement.version(), modelName, alias);
            }
            return ours;
        } catch (RuntimeException e) {
            LOG.warn(
                    "ignoring an unreadable record at {}-{}@{} on {}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    topic,
                    e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
