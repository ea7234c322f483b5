package io.flowerstream.deploy;

import static io.flowerstream.deploy.RenderedChart.sets;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Helm cannot read outside the chart's folder, so the chart carries a copy of the alert rules for
 * its PrometheusRule; this fails the moment the copy and dashboards/'s rules differ, and checks
 * that the rendered PrometheusRule holds them untouched.
 */
class AlertRulesCopyTest {

    private static final Path RULES = RepoPaths.ROOT.resolve("dashboards/prometheus/rules/flowerstream-alerts.yml");
    private static final Path CHART_RULES = RepoPaths.CHART.resolve("rules/flowerstream-alerts.yml");

    @Test
    void the_chart_carries_an_exact_copy_of_the_alert_rules() {
        assertThat(DeployFiles.read(CHART_RULES))
                .as(
                        "helm/flowerstream/rules/flowerstream-alerts.yml must equal %s. Fix: cp "
                                + "dashboards/prometheus/rules/flowerstream-alerts.yml helm/flowerstream/rules/",
                        RULES)
                .isEqualTo(DeployFiles.read(RULES));
    }

    @Test
    void the_prometheus_rule_holds_every_alert_with_its_templates_untouched() {
        PrometheusRule rule = RenderedChart.render(
                        sets("prometheusRule.enabled", true, "prometheusRule.labels.release", "kube-prometheus-stack"))
                .one(PrometheusRule.class, "fs-flowerstream");

        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        List<Rule> rendered = rule.getSpec().getGroups().stream()
                .flatMap(g -> g.getRules().stream())
                .toList();
        List<String> expected = new ArrayList<>();
        for (JsonNode group : DeployFiles.yaml(RULES).path("groups")) {
            group.path("rules").forEach(r -> expected.add(r.path("alert").asText()));
        }
        assertThat(rendered).extracting(Rule::getAlert).containsExactlyElementsOf(expected);
        // Prometheus, not Helm, fills in {{ $labels.job }}: the text reaches the cluster as written.
        assertThat(rendered)
                .filteredOn(r -> r.getAlert().equals("FlowersTargetDown"))
                .singleElement()
                .satisfies(r -> assertThat(r.getAnnotations().get("summary"))
                        .isEqualTo("{{ $labels.job }} target {{ $labels.instance }} is down"))
                .satisfies(r -> assertThat(r.getExpr().getStrVal()).contains("up{job=~\"ingest|classifier|trainer\"}"));
    }
}
