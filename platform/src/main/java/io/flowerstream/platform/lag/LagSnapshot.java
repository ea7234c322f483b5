package io.flowerstream.platform.lag;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What one poll of the broker saw: the log-end offset of every partition of the watched topics, and
 * each matching group's position on those partitions.
 *
 * @param logEnds log-end offset per partition of the watched topics
 * @param groups  one entry per (group, partition) with a committed offset
 */
public record LagSnapshot(Map<TopicPartition, Long> logEnds, List<PartitionLag> groups) {

    public LagSnapshot {
        logEnds = Map.copyOf(logEnds);
        groups = List.copyOf(groups);
    }
}
