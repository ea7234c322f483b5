package io.flowerstream.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.classifier.config.ClassifierTopics;
import io.flowerstream.classifier.config.DeadLetterPolicy;
import io.flowerstream.contracts.events.PredictionEvent;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.testsupport.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shadow canary reads the same images as the stable classifier, so it must not dead-letter a
 * bad image a second time: with its predictions on flowers.predictions.canary it writes nothing to
 * flowers.images.dlq, still counts the bad image, and still classifies the good ones.
 */
class CanaryDeadLettersTest {

    private static final String CANARY_PREDICTIONS = Topics.PREDICTIONS + DeadLetterPolicy.CANARY_SUFFIX;

    @TempDir
    Path stateDir;

    @Test
    void a_canary_counts_a_bad_image_but_does_not_dead_letter_it_a_second_time() {
        ClassifierTopics canary = new ClassifierTopics(
                Topics.IMAGES,
                CANARY_PREDICTIONS,
                Topics.FEEDBACK,
                Topics.MODELS,
                DeadLetterPolicy.AUTO.topicFor(CANARY_PREDICTIONS, Topics.IMAGES_DLQ));
        try (TopologyFixture f = new TopologyFixture(stateDir, 8, Duration.ofMillis(10), null, canary)) {
            f.sendImage("good-1", TestImages.jpeg(1));
            f.sendImage("truncated", TestImages.truncatedJpeg());
            f.sendImage("text", TestImages.text());
            f.driver.advanceWallClockTime(Duration.ofMillis(20));

            assertThat(f.predictions()).extracting(PredictionEvent::imageId).containsExactly("good-1");
            assertThat(f.deadLetters.isEmpty())
                    .as("nothing on %s from the canary", Topics.IMAGES_DLQ)
                    .isTrue();
            assertThat(f.counter("flowers.classifier.dead.letters"))
                    .as("the canary still counts them")
                    .isEqualTo(2);
        }
    }

    @Test
    void the_stable_classifier_dead_letters_the_same_images_once() {
        try (TopologyFixture f =
                new TopologyFixture(stateDir, 8, Duration.ofMillis(10), null, ClassifierTopics.defaults())) {
            f.sendImage("truncated", TestImages.truncatedJpeg());
            f.sendImage("text", TestImages.text());
            f.driver.advanceWallClockTime(Duration.ofMillis(20));

            assertThat(f.deadLetters.readRecordsToList()).hasSize(2);
        }
    }

    @Test
    void auto_publishes_for_every_predictions_topic_but_a_canary_one_and_the_flag_overrides_it() {
        assertThat(DeadLetterPolicy.AUTO.topicFor(Topics.PREDICTIONS, Topics.IMAGES_DLQ))
                .isEqualTo(Topics.IMAGES_DLQ);
        assertThat(DeadLetterPolicy.AUTO.topicFor("team-a.predictions", "team-a.dlq"))
                .isEqualTo("team-a.dlq");
        assertThat(DeadLetterPolicy.AUTO.topicFor(CANARY_PREDICTIONS, Topics.IMAGES_DLQ))
                .isNull();
        assertThat(DeadLetterPolicy.PUBLISH.topicFor(CANARY_PREDICTIONS, "canary.dlq"))
                .isEqualTo("canary.dlq");
        assertThat(DeadLetterPolicy.NONE.topicFor(Topics.PREDICTIONS, Topics.IMAGES_DLQ))
                .isNull();
        assertThat(DeadLetterPolicy.parse(" None ")).isEqualTo(DeadLetterPolicy.NONE);
    }
}
