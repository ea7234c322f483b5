package io.flowerstream.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.classifier.batch.HeldExecutor;
import io.flowerstream.classifier.metrics.DeadLetterCause;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.events.PredictionEvent;
import io.flowerstream.contracts.topics.Headers;
import io.flowerstream.testsupport.TestImages;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTopologyTest {

    @TempDir
    Path stateDir;

    @Test
    void flushes_a_batch_as_soon_as_it_reaches_max_batch_size() {
        try (TopologyFixture f = new TopologyFixture(stateDir, 4, Duration.ofMinutes(1))) {
            for (int i = 0; i < 3; i++) {
                f.sendImage("img-" + i, TestImages.jpeg(i));
            }
            assertThat(f.predictionsOut.isEmpty())
                    .as("3 of 4 buffered, delay far away")
                    .isTrue();

            f.sendImage("img-3", TestImages.jpeg(3));

            List<PredictionEvent> predictions = f.predictions();
            assertThat(predictions)
                    .extracting(PredictionEvent::imageId)
                    .containsExactly("img-0", "img-1", "img-2", "img-3");
            assertThat(predictions).allSatisfy(p -> {
                assertThat(p.modelVersion()).isEqualTo(1);
                assertThat(FlowerClasses.isValid(p.label())).isTrue();
                assertThat(p.scores()).hasSize(5);
            });
            var batches = f.registry.find("flowers.classifier.batch.size").summary();
            assertThat(batches.count()).isEqualTo(1);
            assertThat(batches.totalAmount()).isEqualTo(4);
        }
    }

    @Test
    void a_full_batch_still_decoding_does_not_hold_up_the_stream_thread_and_runs_once_prepared() {
        HeldExecutor decoders = new HeldExecutor();
        try (TopologyFixture f = new TopologyFixture(stateDir, 4, Duration.ofMinutes(1), decoders)) {
            for (int i = 0; i < 7; i++) {
                f.sendImage("img-" + i, TestImages.jpeg(i));
            }
            assertThat(f.predictionsOut.isEmpty())
                    .as("a full batch, its inputs still decoding")
                    .isTrue();
            assertThat(decoders.held())
                    .as("the next batch went to the decoders meanwhile")
                    .isEqualTo(7);

            decoders.releaseAll();
            f.driver.advanceWallClockTime(Duration.ofMillis(100));

            assertThat(f.predictions())
                    .extracting(PredictionEvent::imageId)
                    .containsExactly("img-0", "img-1", "img-2", "img-3");
            assertThat(f.predictionsOut.isEmpty())
                    .as("3 of 4 wait for the delay")
                    .isTrue();
        }
    }

    @Test
    void with_two_full_batches_buffered_the_stream_thread_waits_for_the_decoders() throws Exception {
        HeldExecutor decoders = new HeldExecutor();
        try (TopologyFixture f = new TopologyFixture(stateDir, 4, Duration.ofMinutes(1), decoders)) {
            for (int i = 0; i < 7; i++) {
                f.sendImage("img-" + i, TestImages.jpeg(i));
            }
            Thread releaser = new Thread(() -> {
                sleep(200);
                decoders.releaseAll();
            });
            releaser.start();
            f.sendImage("img-7", TestImages.jpeg(7));
            releaser.join();

            assertThat(f.predictions())
                    .extracting(PredictionEvent::imageId)
                    .containsExactly("img-0", "img-1", "img-2", "img-3", "img-4", "img-5", "img-6", "img-7");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void flushes_a_partial_batch_once_its_oldest_record_has_waited_max_batch_delay() {
        try (TopologyFixture f = new TopologyFixture(stateDir, 8, Duration.ofMillis(50))) {
            f.sendImage("a", TestImages.jpeg(1));
            f.sendImage("b", TestImages.jpeg(2));
            f.driver.advanceWallClockTime(Duration.ofMillis(25));
            assertThat(f.predictionsOut.isEmpty()).as("waited 25 of 50 ms").isTrue();

            f.sendImage("c", TestImages.jpeg(3));
            f.driver.advanceWallClockTime(Duration.ofMillis(25));

            assertThat(f.predictions()).extracting(PredictionEvent::imageId).containsExactly("a", "b", "c");
            assertThat(f.registry
                            .find("flowers.classifier.batch.size")
                            .summary()
                            .totalAmount())
                    .isEqualTo(3);
        }
    }

    @Test
    void dead_letters_each_kind_of_bad_input_as_received_and_still_classifies_the_good_ones() {
        try (TopologyFixture f = new TopologyFixture(stateDir, 8, Duration.ofMillis(10))) {
            RecordHeaders withSource = new RecordHeaders();
            withSource.add(Headers.SOURCE, "test".getBytes(StandardCharsets.UTF_8));
            f.sendImage("good-1", TestImages.jpeg(1));
            f.sendImage("truncated", TestImages.truncatedJpeg(), withSource);
            f.sendImage("zero-bytes", new byte[0]);
            f.sendImage("text", TestImages.text());
            f.sendImage("null-value", null);
            f.sendImage(null, TestImages.jpeg(2));
            f.sendImage("good-2", TestImages.jpeg(3));
            f.driver.advanceWallClockTime(Duration.ofMillis(20));

            assertThat(f.predictions()).extracting(PredictionEvent::imageId).containsExactly("good-1", "good-2");
            List<TestRecord<byte[], byte[]>> dead = f.deadLetters.readRecordsToList();
            Map<String, TestRecord<byte[], byte[]>> byId = dead.stream()
                    .collect(Collectors.toMap(
                            r -> r.key() == null ? "<null key>" : new String(r.key(), StandardCharsets.UTF_8), r -> r));
            assertThat(byId).containsOnlyKeys("truncated", "zero-bytes", "text", "null-value", "<null key>");
            assertThat(reason(byId.get("zero-bytes"))).isEqualTo("empty");
            assertThat(reason(byId.get("null-value"))).isEqualTo("empty");
            assertThat(reason(byId.get("<null key>"))).isEqualTo("no_image_id");
            assertThat(reason(byId.get("truncated"))).isEqualTo("truncated");
            assertThat(reason(byId.get("text"))).isEqualTo("not_an_image");
            for (TestRecord<byte[], byte[]> r : dead) {
                assertThat(Headers.text(r.headers(), Headers.ERROR_STAGE)).isIn("validate", "decode");
                assertThat(Headers.text(r.headers(), Headers.ERROR_MESSAGE)).isNotBlank();
                assertThat(Headers.text(r.headers(), Headers.SOURCE_TOPIC)).isEqualTo("flowers.images");
                assertThat(Headers.text(r.headers(), Headers.SOURCE_OFFSET)).matches("\\d+");
            }
            assertThat(byId.get("truncated").value()).isEqualTo(TestImages.truncatedJpeg());
            assertThat(Headers.text(byId.get("truncated").headers(), Headers.SOURCE))
                    .as("input headers kept")
                    .isEqualTo("test");
            assertThat(byId.get("null-value").value()).isNull();
            assertThat(f.counter("flowers.classifier.dead.letters", "reason", "empty"))
                    .isEqualTo(2);
            // Each cause met here was registered at 0 from the start: no series was born with a dead letter in it.
            assertThat(f.registry.find("flowers.classifier.dead.letters").counters())
                    .hasSize(DeadLetterCause.ALL.size());
        }
    }

    @Test
    void swaps_model_versions_between_batches_and_closes_the_old_one() {
        try (TopologyFixture f = new TopologyFixture(stateDir, 2, Duration.ofMinutes(1))) {
            f.sendImage("before-1", TestImages.jpeg(1));
            f.sendImage("before-2", TestImages.jpeg(2));
            f.sendImage("pending", TestImages.jpeg(3));

            f.models.swap(TopologyFixture.newVersion(2));
            f.sendImage("after-1", TestImages.jpeg(4));

            Map<String, Integer> versions = f.predictions().stream()
                    .collect(Collectors.toMap(PredictionEvent::imageId, PredictionEvent::modelVersion));
            assertThat(versions)
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("before-1", 1, "before-2", 1, "pending", 2, "after-1", 2));
            // one counter per label: sum them, whichever labels the untrained network picked
            assertThat(f.registry.find("flowers.classifier.predictions").tag("model_version", "2").counters().stream()
                            .mapToDouble(Counter::count)
                            .sum())
                    .isEqualTo(2);
        }
    }

    @Test
    void counts_a_labelled_image_as_correct_or_wrong_for_the_version_that_predicted_it() {
        try (TopologyFixture f = new TopologyFixture(stateDir, 1, Duration.ofMillis(10))) {
            RecordHeaders labelled = new RecordHeaders();
            labelled.add(Headers.LABEL, "rose".getBytes(StandardCharsets.UTF_8));
            f.sendImage("labelled", TestImages.jpeg(5), labelled);

            PredictionEvent p = f.predictions().get(0);
            String outcome = p.label().equals("rose") ? "correct" : "wrong";
            assertThat(f.counter(
                            "flowers.classifier.online.predictions",
                            "outcome",
                            outcome,
                            "model_version",
                            "1",
                            "source",
                            "header"))
                    .isEqualTo(1);
        }
    }

    @Test
    void joins_feedback_with_its_prediction_by_image_id_within_the_window() {
        try (TopologyFixture f = new TopologyFixture(stateDir, 1, Duration.ofMillis(10))) {
            Instant t0 = Instant.parse("2026-11-26T12:00:00Z");
            f.images.pipeInput(new TestRecord<>("img-7".getBytes(StandardCharsets.UTF_8), TestImages.jpeg(7), t0));
            List<PredictionEvent> made = f.predictions();
            assertThat(made).hasSize(1);
            String truth = made.get(0).label();
            String other = FlowerClasses.NAMES.stream()
                    .filter(n -> !n.equals(truth))
                    .findFirst()
                    .orElseThrow();

            f.feedback.pipeInput(new TestRecord<>("img-7", " " + truth.toUpperCase() + " ", t0.plusSeconds(60)));
            f.feedback.pipeInput(new TestRecord<>("unknown-id", truth, t0.plusSeconds(61)));
            f.feedback.pipeInput(new TestRecord<>("img-7", other, t0.plus(Duration.ofMinutes(30))));

            assertThat(f.counter(
                            "flowers.classifier.online.predictions",
                            "source",
                            "feedback",
                            "outcome",
                            "correct",
                            "model_version",
                            "1"))
                    .as("matched within 10 minutes")
                    .isEqualTo(1);
            assertThat(f.counter("flowers.classifier.online.predictions", "source", "feedback", "outcome", "wrong"))
                    .as("30 minutes later is outside the window")
                    .isZero();
        }
    }

    private static String reason(TestRecord<byte[], byte[]> r) {
        return Headers.text(r.headers(), Headers.ERROR_REASON);
    }
}
