package io.flowerstream.platform.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes the topics of a {@link TopicPlan} exist as flowerstream needs them, idempotently: it
 * creates the missing ones, sets configs that differ (so an images topic created by hand with
 * the broker's 1 MiB {@code max.message.bytes} is raised), and leaves everything else alone. A
 * topic with fewer partitions than asked for is refused, not altered: adding partitions moves
 * keys to other partitions, which the operator has to choose knowingly.
 */
public final class TopicEnsurer {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final Admin admin;
    private final Optional<Short> replicationFactor;
    private final Duration timeout;

    /**
     * @param admin             the client to use (the caller closes it)
     * @param replicationFactor replicas of each new topic; empty for the broker's {@code default.replication.factor}
     * @param timeout           how long each admin call may take
     */
    public TopicEnsurer(Admin admin, Optional<Short> replicationFactor, Duration timeout) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    /** Ensures every topic of {@code specs}; one outcome per topic, in their order. */
    public List<TopicOutcome> ensure(List<TopicSpec> specs) {
        Set<String> existing = await(() -> admin.listTopics().names(), "list the topics");
        List<TopicOutcome> outcomes = new ArrayList<>();
        for (TopicSpec spec : specs) {
            outcomes.add(existing.contains(spec.name()) ? reconcile(spec) : create(spec));
        }
        return outcomes;
    }

    private TopicOutcome create(TopicSpec spec) {
        NewTopic topic =
                new NewTopic(spec.name(), Optional.of(spec.partitions()), replicationFactor).configs(spec.configs());
        try {
            await(() -> admin.createTopics(List.of(topic)).all(), "create topic '" + spec.name() + "'");
        } catch (IllegalStateException e) {
            // Another process (a second hook, a classifier's auto-creation) may have won the race.
            if (e.getCause() instanceof TopicExistsException) {
                return reconcile(spec);
            }
            throw e;
        }
        // Done only once the broker serves its metadata: the services started after the hook find it at once.
        await(
                () -> admin.describeTopics(List.of(spec.name())).allTopicNames(),
                "see the new topic '" + spec.name() + "'");
        return new TopicOutcome(
                spec.name(), TopicOutcome.Action.CREATED, spec.partitions() + " partitions" + describe(spec.configs()));
    }

    private TopicOutcome reconcile(TopicSpec spec) {
        TopicDescription description = await(
                () -> admin.describeTopics(List.of(spec.name()))
                        .topicNameValues()
                        .get(spec.name()),
                "describe topic '" + spec.name() + "'");
        int partitions = description.partitions().size();
        if (partitions < spec.partitions()) {
            return new TopicOutcome(
                    spec.name(),
                    TopicOutcome.Action.REFUSED,
                    "has " + partitions
                            + " partitions, " + spec.partitions()
                            + " wanted: add partitions with kafka-topics.sh --alter --topic "
                            + spec.name() + " --partitions " + spec.partitions()
                            + " (keys move to other partitions; add the same number to the predictions and feedback "
                            + "topics, "
                            + "which must stay co-partitioned), or ask for " + partitions + " partitions");
        }
        Map<String, String> changes = configChanges(spec);
        if (changes.isEmpty()) {
            return new TopicOutcome(
                    spec.name(), TopicOutcome.Action.UNCHANGED, partitions + " partitions" + describe(spec.configs()));
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        Collection<AlterConfigOp> ops = changes.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        await(
                () -> admin.incrementalAlterConfigs(Map.of(resource, ops)).all(),
                "set " + changes.keySet() + " on topic '" + spec.name() + "'");
        return new TopicOutcome(spec.name(), TopicOutcome.Action.CONFIG_UPDATED, "set" + describe(changes));
    }

    /** The configs of {@code spec} whose current value differs, with the value they need. */
    private Map<String, String> configChanges(TopicSpec spec) {
        if (spec.configs().isEmpty()) {
            return Map.of();
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        Config current = await(
                () -> admin.describeConfigs(List.of(resource)).values().get(resource),
                "read the configs of topic '" + spec.name() + "'");
        Map<String, String> changes = new TreeMap<>();
        spec.configs().forEach((key, wanted) -> {
            ConfigEntry entry = current.get(key);
            if (entry == null || !wanted.equals(entry.value())) {
                changes.put(key, wanted);
            }
        });
        return changes;
    }

    private static String describe(Map<String, String> configs) {
        if (configs.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(configs)
                .forEach((k, v) -> text.append(", ").append(k).append('=').append(v));
        return text.toString();
    }

    /**
     * Waits for an admin call, retrying it while the broker answers with a retriable error: right
     * after a topic is created its metadata may not have reached every broker yet.
     */
    private <T> T await(Supplier<KafkaFuture<T>> call, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                return call.get().get(left, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                boolean retriable = e.getCause() instanceof RetriableException
                        && !(e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException);
                if (!retriable || System.nanoTime() > deadline) {
                    throw failure(what, e.getCause());
                }
                pause();
            } catch (TimeoutException e) {
                throw failure(what, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while trying to " + what, e);
            }
        }
    }

    private IllegalStateException failure(String what, Throwable cause) {
        boolean timedOut =
                cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException;
        String hint = timedOut
                ? " (no answer within " + timeout.toSeconds()
                        + " s: is the broker reachable at the bootstrap servers, and are the KAFKA_* security settings "
                        + "right?)"
                : "";
        return new IllegalStateException("could not " + what + ": " + cause.getMessage() + hint, cause);
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry an admin call", e);
        }
    }
}
