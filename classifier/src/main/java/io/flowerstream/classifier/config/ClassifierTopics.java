package io.flowerstream.classifier.config;

import io.flowerstream.contracts.topics.Topics;

/**
 * The topics the classifier reads and writes, defaulting to the names in {@link Topics}.
 *
 * @param images      image bytes in
 * @param predictions JSON predictions out (and read back for the feedback join)
 * @param feedback    true labels arriving later
 * @param models      model version announcements
 * @param deadLetters records that could not be classified; null for a classifier that publishes no
 *                    dead letters, a shadow canary ({@link DeadLetterPolicy})
 */
public record ClassifierTopics(String images, String predictions, String feedback, String models, String deadLetters) {

    /** The default topic names of {@link Topics}. */
    public static ClassifierTopics defaults() {
        return new ClassifierTopics(
                Topics.IMAGES, Topics.PREDICTIONS, Topics.FEEDBACK, Topics.MODELS, Topics.IMAGES_DLQ);
    }

    /** Whether bad images go to a dead-letter topic (false for a shadow canary). */
    public boolean publishesDeadLetters() {
        return deadLetters != null;
    }
}
