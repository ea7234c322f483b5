package io.flowerstream.platform.topics;

import io.flowerstream.contracts.topics.Topics;
import picocli.CommandLine.Option;

/**
 * The pipeline's topic names as every command takes them (a picocli mixin): a flag over its
 * {@code TOPIC_*} environment variable over the default in {@link Topics}, written once here.
 */
public final class TopicFlags {

    @Option(
            names = "--topic-images",
            defaultValue = "${env:TOPIC_IMAGES:-" + Topics.IMAGES + "}",
            description = "images to classify (env TOPIC_IMAGES; default: ${DEFAULT-VALUE})")
    String images;

    @Option(
            names = "--topic-predictions",
            defaultValue = "${env:TOPIC_PREDICTIONS:-" + Topics.PREDICTIONS + "}",
            description = "predictions (env TOPIC_PREDICTIONS; default: ${DEFAULT-VALUE})")
    String predictions;

    @Option(
            names = "--topic-feedback",
            defaultValue = "${env:TOPIC_FEEDBACK:-" + Topics.FEEDBACK + "}",
            description = "true labels that arrive later (env TOPIC_FEEDBACK; default: ${DEFAULT-VALUE})")
    String feedback;

    @Option(
            names = "--topic-models",
            defaultValue = "${env:TOPIC_MODELS:-" + Topics.MODELS + "}",
            description = "published model versions (env TOPIC_MODELS; default: ${DEFAULT-VALUE})")
    String models;

    @Option(
            names = "--topic-dlq",
            defaultValue = "${env:TOPIC_IMAGES_DLQ:-" + Topics.IMAGES_DLQ + "}",
            description = "dead letters (env TOPIC_IMAGES_DLQ; default: ${DEFAULT-VALUE})")
    String dlq;

    public String images() {
        return images;
    }

    public String predictions() {
        return predictions;
    }

    public String feedback() {
        return feedback;
    }

    public String models() {
        return models;
    }

    public String dlq() {
        return dlq;
    }
}
