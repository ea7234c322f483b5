package io.flowerstream.classifier.config;

import java.util.Locale;

/**
 * Whether a classifier publishes dead letters ({@code --dead-letters}, env {@code DEAD_LETTERS}).
 * A shadow canary reads the same images as the stable classifier: were it to dead-letter too, every
 * bad image would land in {@code flowers.images.dlq} twice. So a canary publishes none; the stable
 * classifier dead-letters each bad image once, and the canary still counts them in
 * {@code flowers.classifier.dead.letters}, so nothing is lost and nothing doubled.
 */
public enum DeadLetterPolicy {
    /** {@link #NONE} for a canary (its predictions topic ends in {@value #CANARY_SUFFIX}), else {@link #PUBLISH}. */
    AUTO,
    /** Bad images go to the dead-letter topic with their reason. */
    PUBLISH,
    /** Bad images are counted and logged, not published: the stable classifier publishes them. */
    NONE;

    /**
     * The ending of a canary's predictions topic (the chart's {@code topics.predictionsCanary},
     * flowers.predictions.canary).
     */
    public static final String CANARY_SUFFIX = ".canary";

    /** Reads auto, publish or none, in any case. */
    public static DeadLetterPolicy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--dead-letters (env DEAD_LETTERS) must be auto, publish or none, not '" + text + "'");
        }
    }

    /** The dead-letter topic this classifier writes to, or null for none. */
    public String topicFor(String predictionsTopic, String deadLetterTopic) {
        return switch (this) {
            case PUBLISH -> deadLetterTopic;
            case NONE -> null;
            case AUTO -> predictionsTopic.endsWith(CANARY_SUFFIX) ? null : deadLetterTopic;
        };
    }
}
