package io.flowerstream.deploy;

import static io.flowerstream.deploy.RenderedChart.sets;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart's shadow canary publishes no dead letters: the classifier turns them off by itself
 * when its predictions topic ends in ".canary" (DEAD_LETTERS=auto, the classifier's
 * DeadLetterPolicy), so the rendered canary must write to such a topic and the stable one must not,
 * and neither may force DEAD_LETTERS=publish.
 */
class CanaryDeadLettersWiringTest {

    private static final String SUFFIX = ".canary";

    @Test
    void the_rendered_canary_writes_to_a_canary_topic_so_it_publishes_no_dead_letters() {
        RenderedChart chart =
                RenderedChart.render(sets("classifier.canary.enabled", true, "classifier.canary.model.version", 8));
        Map<String, String> canary = chart.env("classifier-canary");
        Map<String, String> stable = chart.env("classifier");

        assertThat(canary.get("TOPIC_PREDICTIONS")).endsWith(SUFFIX);
        assertThat(stable.get("TOPIC_PREDICTIONS")).doesNotEndWith(SUFFIX);
        assertThat(canary.getOrDefault("DEAD_LETTERS", "none")).isIn("none", "auto");
        assertThat(stable.getOrDefault("DEAD_LETTERS", "publish")).isIn("publish", "auto");
    }

    @Test
    void the_classifier_reads_the_same_suffix_and_defaults_to_auto() {
        String policy = DeployFiles.read(RepoPaths.ROOT.resolve(
                "classifier/src/main/java/io/flowerstream/classifier/config/DeadLetterPolicy.java"));
        String command = DeployFiles.read(RepoPaths.ROOT.resolve(
                "classifier/src/main/java/io/flowerstream/classifier/cli/ClassifierCommand.java"));

        assertThat(policy).contains("CANARY_SUFFIX = \"" + SUFFIX + "\"");
        assertThat(command).contains("${env:DEAD_LETTERS:-auto}");
    }
}
