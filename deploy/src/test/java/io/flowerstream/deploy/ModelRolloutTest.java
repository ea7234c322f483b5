package io.flowerstream.deploy;

import static io.flowerstream.deploy.RenderedChart.sets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

/**
 * Rolling a model version out with Helm: a pinned version reaches the classifier pods' environment
 * (so an upgrade rolls them and a rollback rolls them back), and a canary runs in shadow.
 */
class ModelRolloutTest {

    @Test
    void the_classifier_follows_the_champion_alias_by_default() {
        assertThat(RenderedChart.render().env("classifier")).containsEntry("MODEL_VERSION", "champion");
    }

    @Test
    void a_pinned_version_reaches_the_classifier_pod_template() {
        RenderedChart chart = RenderedChart.render(sets("classifier.model.version", 7));

        assertThat(chart.env("classifier")).containsEntry("MODEL_VERSION", "7");
        assertThat(chart.template("classifier").getMetadata().getAnnotations())
                .containsEntry("flowerstream.io/model-version", "7");
    }

    @Test
    void changing_the_version_changes_only_the_classifier_pod_template_so_only_it_rolls() {
        RenderedChart champion = RenderedChart.render();
        RenderedChart pinned = RenderedChart.render(sets("classifier.model.version", 7));

        assertThat(template(pinned, "classifier")).isNotEqualTo(template(champion, "classifier"));
        assertThat(template(pinned, "ingest")).isEqualTo(template(champion, "ingest"));
        assertThat(template(pinned, "trainer")).isEqualTo(template(champion, "trainer"));
    }

    @Test
    void a_changed_shared_setting_rolls_every_pod_through_the_config_checksum() {
        RenderedChart before = RenderedChart.render();
        RenderedChart after = RenderedChart.render(sets("kafka.bootstrapServers", "kafka-0.kafka:9092"));

        for (String component : new String[] {"ingest", "classifier", "trainer"}) {
            assertThat(template(after, component).getMetadata().getAnnotations().get("checksum/config"))
                    .as(component)
                    .isNotBlank()
                    .isNotEqualTo(template(before, component)
                            .getMetadata()
                            .getAnnotations()
                            .get("checksum/config"));
        }
    }

    @Test
    void a_model_version_that_is_neither_champion_nor_a_number_fails_the_render() {
        assertThatThrownBy(() -> RenderedChart.render(sets("classifier.model.version", "latest")))
                .hasMessageContaining("classifier.model.version must be \"champion\" or a version number");
    }

    @Test
    void the_canary_runs_its_pinned_version_in_shadow_with_its_own_group_and_topic() {
        RenderedChart chart = RenderedChart.render(sets(
                "classifier.model.version",
                7,
                "classifier.canary.enabled",
                true,
                "classifier.canary.model.version",
                8));

        assertThat(chart.env("classifier-canary"))
                .containsEntry("MODEL_VERSION", "8")
                .containsEntry("APPLICATION_ID", "flowers-classifier-canary")
                .containsEntry("TOPIC_PREDICTIONS", "flowers.predictions.canary");
        assertThat(chart.env("classifier"))
                .containsEntry("MODEL_VERSION", "7")
                .containsEntry("APPLICATION_ID", "flowers-classifier")
                .containsEntry("TOPIC_PREDICTIONS", "flowers.predictions");
        assertThat(chart.deployment("classifier-canary").getSpec().getReplicas())
                .isEqualTo(1);

        // The two workloads must never select each other's pods.
        StatefulSet stable = chart.statefulSet("classifier");
        Deployment canary = chart.deployment("classifier-canary");
        assertThat(stable.getSpec().getSelector().getMatchLabels()).containsEntry("flowerstream.io/track", "stable");
        assertThat(canary.getSpec().getSelector().getMatchLabels()).containsEntry("flowerstream.io/track", "canary");
        assertThat(canary.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(canary.getSpec().getSelector().getMatchLabels())
                .doesNotContainEntry("flowerstream.io/track", "stable");
        // The disruption budget guards the stable track only.
        assertThat(chart.one(PodDisruptionBudget.class, RenderedChart.PREFIX + "classifier")
                        .getSpec()
                        .getSelector()
                        .getMatchLabels())
                .containsEntry("flowerstream.io/track", "stable");
    }

    @Test
    void a_canary_without_a_pinned_version_fails_the_render() {
        assertThatThrownBy(() -> RenderedChart.render(sets("classifier.canary.enabled", true)))
                .hasMessageContaining("classifier.canary.model.version must pin a version number");
    }

    @Test
    void a_canary_sharing_the_stable_consumer_group_fails_the_render() {
        assertThatThrownBy(() -> RenderedChart.render(sets(
                        "classifier.canary.enabled",
                        true,
                        "classifier.canary.model.version",
                        8,
                        "classifier.canary.applicationId",
                        "flowers-classifier")))
                .hasMessageContaining("classifier.canary.applicationId must differ");
    }

    private static PodTemplateSpec template(RenderedChart chart, String component) {
        return chart.template(component);
    }
}
