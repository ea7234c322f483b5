package io.flowerstream.platform.lag;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The lag series, under kafka-exporter's names so that dashboards and alerts written for it read
 * them unchanged: {@code kafka_consumergroup_lag} and {@code kafka_consumergroup_current_offset}
 * per {@code consumergroup, topic, partition}, and {@code kafka_topic_partition_current_offset} per
 * {@code topic, partition}. Each poll replaces the whole set: a series whose group or partition is
 * gone is removed, so the labels stay bounded by what the broker holds now.
 */
public final class LagGauges {

    public static final String GROUP_LAG = "kafka.consumergroup.lag";
    public static final String GROUP_OFFSET = "kafka.consumergroup.current.offset";
    public static final String PARTITION_OFFSET = "kafka.topic.partition.current.offset";

    private record Key(String name, Tags tags) {}

    private final MeterRegistry registry;
    private final Map<Key, AtomicLong> values = new HashMap<>();
    private final Map<Key, Gauge> gauges = new HashMap<>();

    public LagGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Sets every series to {@code snapshot}'s values, adding new ones and removing those it no longer has. */
    public synchronized void update(LagSnapshot snapshot) {
        Map<Key, Long> wanted = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> e : snapshot.logEnds().entrySet()) {
            wanted.put(
                    new Key(
                            PARTITION_OFFSET,
                            Tags.of(
                                    "topic",
                                    e.getKey().topic(),
                                    "partition",
                                    Integer.toString(e.getKey().partition()))),
                    e.getValue());
        }
        for (PartitionLag lag : snapshot.groups()) {
            Tags tags = Tags.of(
                    "consumergroup", lag.group(), "topic", lag.topic(), "partition", Integer.toString(lag.partition()));
            wanted.put(new Key(GROUP_LAG, tags), lag.lag());
            wanted.put(new Key(GROUP_OFFSET, tags), lag.committed());
        }
        removeAllBut(wanted);
        wanted.forEach(
                (key, value) -> values.computeIfAbsent(key, this::register).set(value));
    }

    /** Removes every series: after a failed poll the broker's figures are unknown, and a stale lag would mislead. */
    public synchronized void clear() {
        removeAllBut(Map.of());
    }

    /** The number of series now exported (tests, logs). */
    public synchronized int size() {
        return values.size();
    }

    private AtomicLong register(Key key) {
        AtomicLong value = new AtomicLong();
        gauges.put(
                key,
                Gauge.builder(key.name(), value, AtomicLong::get)
                        .tags(key.tags())
                        .register(registry));
        return value;
    }

    private void removeAllBut(Map<Key, Long> keep) {
        for (Iterator<Key> it = values.keySet().iterator(); it.hasNext(); ) {
            Key key = it.next();
            if (!keep.containsKey(key)) {
                registry.remove(gauges.remove(key));
                it.remove();
            }
        }
    }
}
