package io.flowerstream.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.embedded.EmbeddedKafka;
import io.flowerstream.reliability.report.Check;
import io.flowerstream.reliability.report.Results;
import io.flowerstream.reliability.support.ClassifierChild;
import io.flowerstream.reliability.support.GroupLag;
import io.flowerstream.reliability.support.ImageStream;
import io.flowerstream.reliability.support.PipelineOutput;
import io.flowerstream.reliability.support.PipelineTopics;
import io.flowerstream.testsupport.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two classifier JVMs with one application id share the six partitions; while images stream in,
 * one is killed with SIGKILL. The survivor takes its partitions over; in the end every image has
 * exactly one committed prediction. Recovery time: from the kill until the survivor owns the
 * dead instance's partitions and has committed, on every one of them, a record published after
 * the kill (its committed offset passes the partition's end offset at the moment of the kill).
 */
@Tag("long")
class ClassifierFailoverTest {

    private static final int PARTITIONS = 6;
    /** Heartbeats every second, dead after 6 s: the floor of the recovery time. */
    private static final String SESSION_TIMEOUT_MS = "6000";

    @Test
    void when_one_of_two_classifiers_is_killed_the_other_takes_its_partitions_over_and_nothing_is_lost_or_duplicated(
            @TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.inTempDir().start()) {
            PipelineTopics.create(kafka, PARTITIONS);
            Path models = ClassifierChild.modelFolder(dir.resolve("models"));
            try (ClassifierChild a = start(kafka, models, dir, "instance-a");
                    ClassifierChild b = start(kafka, models, dir, "instance-b");
                    Admin admin = kafka.admin();
                    ImageStream images = new ImageStream(kafka.bootstrapServers(), "failover", 160, 120);
                    PipelineOutput output = new PipelineOutput(kafka.bootstrapServers())) {
                a.awaitReady(Duration.ofSeconds(180));
                b.awaitReady(Duration.ofSeconds(180));
                GroupLag group =
                        new GroupLag(admin, ClassifierConfig.DEFAULT_APPLICATION_ID, Topics.IMAGES, PARTITIONS);
                Eventually.await(
                        Duration.ofSeconds(120),
                        () -> owned(group, "instance-a").size()
                                                + owned(group, "instance-b").size()
                                        == PARTITIONS
                                && !owned(group, "instance-a").isEmpty()
                                && !owned(group, "instance-b").isEmpty(),
                        () -> "both instances to own partitions");
                images.send(5, Duration.ofSeconds(10));

                CompletableFuture<Void> more = CompletableFuture.runAsync(() -> {
                    try {
                        images.send(5, Duration.ofSeconds(25));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(3_000);
                Set<Integer> orphaned = owned(group, "instance-a");
                Map<Integer, Long> endsAtKill = group.endOffsets();
                long killed = System.nanoTime();
                a.process().killHard();
                Eventually.await(
                        Duration.ofSeconds(120),
                        () -> owned(group, "instance-b").containsAll(orphaned) && caughtUp(group, orphaned, endsAtKill),
                        () -> "the survivor to own partitions " + orphaned + " and commit past " + endsAtKill
                                + " on them");
                long recoveredMs = (System.nanoTime() - killed) / 1_000_000;
                Set<Integer> survivorOwns = owned(group, "instance-b");
                more.get();

                List<String> sent = images.sent();
                Eventually.await(
                        Duration.ofSeconds(240),
                        () -> output.poll().predictions().keySet().containsAll(sent),
                        () -> "predictions of all " + sent.size() + " images; missing "
                                + sent.stream()
                                        .filter(id -> !output.predictions().containsKey(id))
                                        .count() + "; survivor log:\n"
                                + b.process().logTail());
                long settle = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (System.nanoTime() < settle) {
                    output.poll();
                }
                assertThat(output.duplicatedPredictions())
                        .as("images predicted more than once")
                        .isEmpty();
                assertThat(output.predictionCount()).as("committed predictions").isEqualTo(sent.size());
                assertThat(survivorOwns)
                        .as("partitions of the survivor after the kill")
                        .hasSize(PARTITIONS);
                assertThat(b.process().isAlive()).isTrue();

                Results.passed(
                        Check.F2_FAILOVER,
                        "two classifier JVMs (one application id, " + PARTITIONS + " partitions, "
                                + "session timeout " + SESSION_TIMEOUT_MS
                                + " ms) while images streamed in at 5/s; SIGKILL of the "
                                + "one owning partitions " + orphaned + ": the survivor took all " + PARTITIONS
                                + " over and "
                                + "caught up; " + sent.size() + " images, " + sent.size()
                                + " committed predictions, none twice (read_committed)",
                        "recovery " + recoveredMs + " ms: kill to the survivor owning the dead one's partitions and "
                                + "committing, on each, a record published after the kill");
            }
        }
    }

    private static ClassifierChild start(EmbeddedKafka kafka, Path models, Path dir, String name) {
        return ClassifierChild.start(
                kafka.bootstrapServers(),
                models,
                dir.resolve("state-" + name),
                dir.resolve(name + ".log"),
                Map.of(
                        "KAFKA_CLIENT_ID",
                        name,
                        "KAFKA_SESSION_TIMEOUT_MS",
                        SESSION_TIMEOUT_MS,
                        "KAFKA_HEARTBEAT_INTERVAL_MS",
                        "1000"),
                "--max-batch-size",
                "8",
                "--decode-threads",
                "1");
    }

    private static Set<Integer> owned(GroupLag group, String instance) {
        try {
            return group.ownedBy(instance);
        } catch (Exception e) {
            return Set.of();
        }
    }

    private static boolean caughtUp(GroupLag group, Set<Integer> partitions, Map<Integer, Long> ends) {
        try {
            Map<Integer, Long> committed = group.committed();
            // Strictly past: a record published to it after the kill has been classified and committed.
            return partitions.stream().allMatch(p -> committed.get(p) > ends.get(p));
        } catch (Exception e) {
            return false;
        }
    }
}
