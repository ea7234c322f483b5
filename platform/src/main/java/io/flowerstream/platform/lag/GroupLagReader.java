package io.flowerstream.platform.lag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads consumer-group lag from the broker with the Admin API alone: the groups whose id matches a
 * pattern, their committed offsets on the watched topics, and those topics' log-end offsets. It needs
 * no member of the group to be running, which is why the lag it reports outlives the consumers.
 */
public final class GroupLagReader {

    private final Admin admin;
    private final Pattern groups;
    private final Set<String> topics;
    private final Duration timeout;

    /**
     * A reader of the groups whose whole id matches {@code groups}, on {@code topics}; each broker call
     * waits at most {@code timeout}.
     */
    public GroupLagReader(Admin admin, Pattern groups, Set<String> topics, Duration timeout) {
        this.admin = admin;
        this.groups = groups;
        this.topics = Set.copyOf(topics);
        this.timeout = timeout;
    }

    /**
     * One poll. A watched topic that does not exist (yet) is left out, not an error.
     *
     * @throws IllegalStateException when the broker does not answer in time or refuses a call; the
     *                               message names the broker call and what to check
     */
    public LagSnapshot read() {
        Map<TopicPartition, Long> logEnds = logEnds();
        List<PartitionLag> lags = new ArrayList<>();
        for (String group : matchingGroups()) {
            Map<TopicPartition, OffsetAndMetadata> committed = get(
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                    "reading the committed offsets of group " + group);
            committed.forEach((tp, offset) -> {
                Long end = logEnds.get(tp);
                // null offset: the group has no commit on that partition; null end: not a watched topic.
                if (offset != null && end != null) {
                    lags.add(new PartitionLag(group, tp.topic(), tp.partition(), offset.offset(), end));
                }
            });
        }
        return new LagSnapshot(logEnds, lags);
    }

    private List<String> matchingGroups() {
        // Every group type (classic consumers, Kafka Streams, new consumer protocol): lag is about offsets.
        return get(admin.listGroups().all(), "listing the consumer groups").stream()
                .map(GroupListing::groupId)
                .filter(id -> groups.matcher(id).matches())
                .sorted()
                .toList();
    }

    private Map<TopicPartition, Long> logEnds() {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<String, KafkaFuture<TopicDescription>> described =
                admin.describeTopics(topics).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> e : described.entrySet()) {
            TopicDescription description;
            try {
                description = e.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException ex) {
                if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
                    continue; // not created yet: nothing to lag behind
                }
                throw failure("describing topic " + e.getKey(), ex.getCause());
            } catch (TimeoutException ex) {
                throw failure("describing topic " + e.getKey(), ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw failure("describing topic " + e.getKey(), ex);
            }
            description
                    .partitions()
                    .forEach(p -> latest.put(new TopicPartition(e.getKey(), p.partition()), OffsetSpec.latest()));
        }
        if (latest.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                get(admin.listOffsets(latest).all(), "reading the log-end offsets of " + topics);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        ends.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (TimeoutException e) {
            throw failure(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(what, e);
        }
    }

    private IllegalStateException failure(String what, Throwable cause) {
        return new IllegalStateException(
                what + " failed (" + cause + "): check that the broker is reachable (--bootstrap-servers / "
                        + "KAFKA_BOOTSTRAP_SERVERS) and that this client may describe groups and topics",
                cause);
    }
}
