package io.flowerstream.ingest.archive;

import io.flowerstream.contracts.topics.Topics;
import java.time.Duration;

/** What the archiver reads, where it dead-letters, and as which consumer group. */
public record ArchiverSettings(String imagesTopic, String deadLetterTopic, String groupId, Duration retryBackoff) {

    /** The consumer group of every archiver instance: they share the partitions. */
    public static final String DEFAULT_GROUP = "flowers-archiver";

    /** The default topics and group, retrying a failed batch after 2 s. */
    public static ArchiverSettings defaults() {
        return new ArchiverSettings(Topics.IMAGES, Topics.IMAGES_DLQ, DEFAULT_GROUP, Duration.ofSeconds(2));
    }
}
