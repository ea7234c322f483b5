package io.flowerstream.reliability.support;

import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.embedded.EmbeddedKafka;

/** Creates the pipeline's topics with their configs ({@code Topics.configOf}) on an embedded broker. */
public final class PipelineTopics {

    private PipelineTopics() {}

    /** Images, predictions and feedback with {@code partitions}; models and dead letters with one. */
    public static void create(EmbeddedKafka kafka, int partitions) {
        for (String topic : new String[] {Topics.IMAGES, Topics.PREDICTIONS, Topics.FEEDBACK}) {
            kafka.createTopic(topic, partitions, Topics.configOf(topic));
        }
        kafka.createTopic(Topics.IMAGES_DLQ, 1, Topics.configOf(Topics.IMAGES_DLQ));
        kafka.createTopic(Topics.MODELS, 1, Topics.configOf(Topics.MODELS));
    }
}
