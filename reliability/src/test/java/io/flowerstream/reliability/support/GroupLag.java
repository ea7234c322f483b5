package io.flowerstream.reliability.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's position on a topic, as an operator's tooling reads it: committed offsets, end offsets, owners.
 */
public final class GroupLag {

    private final Admin admin;
    private final String group;
    private final String topic;
    private final int partitions;

    public GroupLag(Admin admin, String group, String topic, int partitions) {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
        this.partitions = partitions;
    }

    /** End offsets (read_uncommitted) by partition. */
    public Map<Integer, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<Integer, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
        return ends;
    }

    /** Committed offsets of the group by partition (0 where none). */
    public Map<Integer, Long> committed() throws Exception {
        Map<Integer, Long> offsets = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            offsets.put(p, 0L);
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        committed.forEach((tp, om) -> {
            if (tp.topic().equals(topic) && om != null) {
                offsets.put(tp.partition(), om.offset());
            }
        });
        return offsets;
    }

    /**
     * Records of the topic not yet committed by the group. Transaction markers count, so an idle group shows a small
     * residue.
     */
    public long total() throws Exception {
        Map<Integer, Long> ends = endOffsets();
        Map<Integer, Long> committed = committed();
        return ends.entrySet().stream()
                .mapToLong(e -> Math.max(0, e.getValue() - committed.get(e.getKey())))
                .sum();
    }

    /** The partitions of the topic assigned to members whose client id starts with {@code clientIdPrefix}. */
    public Set<Integer> ownedBy(String clientIdPrefix) throws Exception {
        Set<Integer> owned = new TreeSet<>();
        List<MemberDescription> members = List.copyOf(admin.describeConsumerGroups(List.of(group))
                .describedGroups()
                .get(group)
                .get()
                .members());
        for (MemberDescription m : members) {
            if (m.clientId().startsWith(clientIdPrefix)) {
                m.assignment().topicPartitions().stream()
                        .filter(tp -> tp.topic().equals(topic))
                        .forEach(tp -> owned.add(tp.partition()));
            }
        }
        return owned;
    }
}
