package io.flowerstream.contracts.topics;

import java.util.Map;

/**
 * The pipeline's topics and their defaults (docs/design.md). Names are configuration (env {@code TOPIC_IMAGES}
 * and so on); these constants are the defaults that the standalone setup and the tests use.
 */
public final class Topics {

    /** Image bytes, keyed by image id; optional headers {@code label}, {@code content-type}, {@code source}. */
    public static final String IMAGES = "flowers.images";
    /** One JSON prediction per decodable image, keyed by image id. */
    public static final String PREDICTIONS = "flowers.predictions";
    /** The true label of an image (UTF-8), arriving later, keyed by image id. */
    public static final String FEEDBACK = "flowers.feedback";
    /** Published model versions, keyed by model name; compacted. */
    public static final String MODELS = "flowers.models";
    /** Records that could not be handled, as received, with {@code error.*} headers. */
    public static final String IMAGES_DLQ = "flowers.images.dlq";

    /** Default partitions: the ceiling on classifier parallelism (one stream task per partition). */
    public static final int DEFAULT_PARTITIONS = 6;

    /** Topic name to partitions, for tools that create the whole set. */
    public static Map<String, Integer> defaults() {
        return Map.of(
                IMAGES,
                DEFAULT_PARTITIONS,
                PREDICTIONS,
                DEFAULT_PARTITIONS,
                FEEDBACK,
                DEFAULT_PARTITIONS,
                MODELS,
                1,
                IMAGES_DLQ,
                1);
    }

    /** Topic-level configs that differ from the broker's defaults. */
    public static Map<String, String> configOf(String topic) {
        if (MODELS.equals(topic)) {
            return Map.of("cleanup.policy", "compact");
        }
        if (IMAGES.equals(topic) || IMAGES_DLQ.equals(topic)) {
            // Images are up to ImageLimits' byte limit; the broker's default message size is 1 MiB.
            return Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        }
        return Map.of();
    }

    /** Largest record the image topics accept: the image byte limit plus room for key and headers. */
    public static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024 + 64 * 1024;

    private Topics() {}
}
