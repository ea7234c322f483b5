package io.flowerstream.platform.topics;

import io.flowerstream.contracts.topics.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * The set of topics a deployment needs, under the names it is configured with. Partitions and
 * configs come from {@link Topics}, the one place that fixes them: the image, prediction and
 * feedback topics get the chosen partition count (predictions and feedback must match, the
 * classifier joins them without repartitioning), the others their fixed count.
 *
 * @param images             name of the images topic
 * @param predictions        name of the predictions topic
 * @param feedback           name of the feedback topic
 * @param models             name of the (compacted) model announcements topic
 * @param imagesDlq          name of the dead-letter topic
 * @param canaryPredictions  name of a canary's predictions topic, or null for none
 * @param partitions         partitions of the image, prediction and feedback topics
 */
public record TopicPlan(
        String images,
        String predictions,
        String feedback,
        String models,
        String imagesDlq,
        String canaryPredictions,
        int partitions) {

    /** The defaults listed in docs/design.md: what {@code ./flowerstream up} and the tests use. */
    public static TopicPlan defaults() {
        return new TopicPlan(
                Topics.IMAGES,
                Topics.PREDICTIONS,
                Topics.FEEDBACK,
                Topics.MODELS,
                Topics.IMAGES_DLQ,
                null,
                Topics.DEFAULT_PARTITIONS);
    }

    /** The topics, each with its partitions and configs. */
    public List<TopicSpec> specs() {
        List<TopicSpec> specs = new ArrayList<>();
        // Configs are looked up by role (the default name), so renamed topics keep them.
        specs.add(new TopicSpec(images, partitions, Topics.configOf(Topics.IMAGES)));
        specs.add(new TopicSpec(predictions, partitions, Topics.configOf(Topics.PREDICTIONS)));
        specs.add(new TopicSpec(feedback, partitions, Topics.configOf(Topics.FEEDBACK)));
        specs.add(new TopicSpec(models, Topics.defaults().get(Topics.MODELS), Topics.configOf(Topics.MODELS)));
        specs.add(
                new TopicSpec(imagesDlq, Topics.defaults().get(Topics.IMAGES_DLQ), Topics.configOf(Topics.IMAGES_DLQ)));
        if (canaryPredictions != null && !canaryPredictions.isBlank()) {
            specs.add(new TopicSpec(canaryPredictions, partitions, Topics.configOf(Topics.PREDICTIONS)));
        }
        return specs;
    }
}
