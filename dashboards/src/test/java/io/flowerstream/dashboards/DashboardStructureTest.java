package io.flowerstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowerstream.dashboards.DashboardFiles.PanelQuery;
import io.flowerstream.dashboards.DashboardFiles.Variable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard JSON's structure, without Grafana: stable uid, unique panel ids, every panel on the
 * 24-column grid without overlap, every datasource reference resolving to the provisioned
 * datasource's uid, a unit on every time series and stat panel, template variables of a form the
 * tests can run, and the provisioning pointing where docker-compose mounts the files.
 */
class DashboardStructureTest {

    private static final int GRID_COLUMNS = 24;

    private final JsonNode dashboard = DashboardFiles.dashboard();

    @Test
    void hasTheStableUidThatTheChartAndComposeReferTo() {
        assertThat(dashboard.path("uid").asText()).isEqualTo("flowerstream");
        assertThat(dashboard.path("title").asText()).isEqualTo("flowerstream");
        assertThat(dashboard.has("id"))
                .as("no database id: Grafana assigns one on import")
                .isFalse();
        assertThat(dashboard.toString()).as("not the placeholder").doesNotContain("PLACEHOLDER");
    }

    @Test
    void panelIdsAreUnique() {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : DashboardFiles.panels(dashboard)) {
            assertThat(panel.path("id").isInt())
                    .as("panel '%s' has an integer id", title(panel))
                    .isTrue();
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("id %d of panel '%s' is unique", panel.path("id").asInt(), title(panel))
                    .isTrue();
        }
    }

    @Test
    void everyPanelLiesOnTheGridWithoutOverlap() {
        List<JsonNode> panels = DashboardFiles.panels(dashboard);
        for (JsonNode panel : panels) {
            JsonNode g = panel.path("gridPos");
            int x = g.path("x").asInt(-1);
            int y = g.path("y").asInt(-1);
            int w = g.path("w").asInt(0);
            int h = g.path("h").asInt(0);
            assertThat(List.of("x", "y", "w", "h"))
                    .allSatisfy(k -> assertThat(g.path(k).isInt())
                            .as("panel '%s' gridPos.%s is an integer", title(panel), k)
                            .isTrue());
            assertThat(x).as("panel '%s' x", title(panel)).isBetween(0, GRID_COLUMNS - 1);
            assertThat(y).as("panel '%s' y", title(panel)).isNotNegative();
            assertThat(w).as("panel '%s' width", title(panel)).isBetween(1, GRID_COLUMNS - x);
            assertThat(h).as("panel '%s' height", title(panel)).isPositive();
            if ("row".equals(panel.path("type").asText())) {
                assertThat(w).as("row '%s' spans the grid", title(panel)).isEqualTo(GRID_COLUMNS);
            }
        }
        for (int i = 0; i < panels.size(); i++) {
            for (int j = i + 1; j < panels.size(); j++) {
                assertThat(overlap(panels.get(i).path("gridPos"), panels.get(j).path("gridPos")))
                        .as("panels '%s' and '%s' overlap", title(panels.get(i)), title(panels.get(j)))
                        .isFalse();
            }
        }
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }

    /**
     * Anywhere in the JSON: panels, targets, variables, annotations refer to the datasource variable,
     * a Prometheus picker that defaults to the provisioned datasource. A name or ${DS_...} input would not resolve.
     */
    @Test
    void everyDatasourceReferenceGoesThroughTheDatasourceVariable() {
        String provisioned = DashboardFiles.provisionedDatasourceUid();
        assertThat(provisioned).isEqualTo("prometheus");
        JsonNode variable = DashboardFiles.datasourceVariable(dashboard);
        assertThat(variable.path("name").asText()).isEqualTo("datasource");
        assertThat(variable.path("query").asText())
                .as("the picker lists Prometheus datasources")
                .isEqualTo("prometheus");
        assertThat(variable.path("current").path("value").asText())
                .as("default: the provisioned one")
                .isEqualTo(provisioned);
        String uid = "${datasource}";
        List<String> references = new ArrayList<>();
        collectDatasources(dashboard, "$", references);
        assertThat(references)
                .as("datasource references")
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r).endsWith("=prometheus/" + uid));
        assertThat(dashboard.toString()).doesNotContain("${DS_").doesNotContain("__inputs");
        for (JsonNode panel : DashboardFiles.panels(dashboard)) {
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.path("datasource").path("uid").asText())
                        .as("panel '%s' datasource", title(panel))
                        .isEqualTo(uid);
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("datasource").path("uid").asText())
                            .as(
                                    "panel '%s' target %s datasource",
                                    title(panel), target.path("refId").asText())
                            .isEqualTo(uid);
                }
            }
        }
    }

    private static void collectDatasources(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("datasource")) {
                    JsonNode ds = field.getValue();
                    out.add(path + ".datasource="
                            + (ds.isObject()
                                    ? ds.path("type").asText() + "/"
                                            + ds.path("uid").asText()
                                    : "name:" + ds.asText()));
                } else {
                    collectDatasources(field.getValue(), path + "." + field.getKey(), out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectDatasources(node.get(i), path + "[" + i + "]", out);
            }
        }
    }

    @Test
    void everyGraphPanelHasAUnitAndQueries() {
        for (JsonNode panel : DashboardFiles.panels(dashboard)) {
            String type = panel.path("type").asText();
            if (type.equals("row")) {
                continue;
            }
            assertThat(type).as("panel '%s' type", title(panel)).isIn("timeseries", "stat");
            assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText())
                    .as("unit of %s panel '%s'", type, title(panel))
                    .isNotBlank();
            assertThat(panel.path("targets"))
                    .as("queries of panel '%s'", title(panel))
                    .isNotEmpty();
            assertThat(panel.path("description").asText())
                    .as("description of panel '%s'", title(panel))
                    .isNotBlank();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText())
                        .as("panel '%s' expr", title(panel))
                        .isNotBlank();
                assertThat(refIds.add(target.path("refId").asText()))
                        .as("panel '%s' refIds unique", title(panel))
                        .isTrue();
            }
        }
    }

    /** Each variable is label_values(selector, label), multi-valued with an All regex, and used by the panels. */
    @Test
    void templateVariablesAreValidAndUsed() {
        List<Variable> variables = DashboardFiles.variables(dashboard);
        assertThat(variables).extracting(Variable::name).containsExactly("namespace", "instance", "model_version");
        String allQueries = DashboardFiles.panelQueries(dashboard).stream()
                .map(PanelQuery::expr)
                .reduce("", (a, b) -> a + "\n" + b);
        for (Variable v : variables) {
            assertThat(v.selector()).as("variable %s selector", v.name()).matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*})?");
            assertThat(v.allValue()).as("variable %s All value", v.name()).isEqualTo(".*");
            Pattern use = Pattern.compile("[a-z_]+=~\"\\$" + v.name() + "\"");
            assertThat(use.matcher(allQueries).find())
                    .as("a panel filters with =~\"$%s\"", v.name())
                    .isTrue();
            Matcher bare = Pattern.compile("[a-z_]+=\"\\$" + v.name() + "\"").matcher(allQueries);
            assertThat(bare.find())
                    .as("multi-value $%s is matched with =~, never =", v.name())
                    .isFalse();
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (v.path("type").asText().equals(DashboardFiles.DATASOURCE_VARIABLE_TYPE)) {
                continue;
            }
            assertThat(v.path("type").asText()).isEqualTo("query");
            assertThat(v.path("multi").asBoolean()).isTrue();
            assertThat(v.path("includeAll").asBoolean()).isTrue();
        }
        for (PanelQuery q : DashboardFiles.panelQueries(dashboard)) {
            // Throws on a variable that is neither the dashboard's nor one of Grafana's intervals.
            DashboardFiles.substitute(
                    q.expr(), Map.of("instance", ".*", "model_version", ".*", "namespace", ".*"), "1m", "1h");
        }
    }

    @Test
    void showsWhatTheIssueAsksFor() {
        List<String> titles = DashboardFiles.panels(dashboard).stream()
                .map(DashboardStructureTest::title)
                .toList();
        assertThat(titles)
                .contains(
                        "Loss per epoch (train and validation)",
                        "Accuracy per epoch (train and validation)",
                        "Champion version",
                        "Last published version",
                        "Online accuracy per model version",
                        "Predictions per second by label",
                        "End-to-end latency",
                        "Batch size",
                        "Queue wait",
                        "Inference and preprocessing time",
                        "Dead letters by reason",
                        "Classifier consumer lag",
                        "Model loads and load failures",
                        "Ingest rate",
                        "Ingest refusals by reason",
                        "Archiver lag",
                        "Heap used",
                        "CPU usage",
                        "Time in GC pauses",
                        "Unsure share per model version",
                        "Online accuracy, all and sure predictions",
                        "Drift score per profile part",
                        "Prediction mix, live against reference",
                        "Confidence, live against reference");
        String latency = DashboardFiles.panelQueries(dashboard).stream()
                .filter(q -> q.panel().equals("End-to-end latency"))
                .map(PanelQuery::expr)
                .reduce("", String::concat);
        assertThat(latency).contains("histogram_quantile(0.5,", "histogram_quantile(0.95,", "histogram_quantile(0.99,");
    }

    /** The drift alert fires at the classifier's documented threshold, and the README has its runbook. */
    @Test
    void driftAlertUsesTheClassifiersThresholdAndHasARunbook() throws Exception {
        DashboardFiles.Alert drift = DashboardFiles.alerts().stream()
                .filter(a -> a.name().equals("FlowersInputDrift"))
                .findFirst()
                .orElseThrow();
        assertThat(drift.expr())
                .contains("flowers_classifier_drift) > "
                        + io.flowerstream.classifier.metrics.DriftMonitor.ALERT_THRESHOLD);
        assertThat(Files.readString(DashboardFiles.README))
                .contains("## Runbook: FlowersInputDrift", "flowers.feedback");
    }

    @Test
    void readmeListsEveryPanel() throws Exception {
        String readme = Files.readString(DashboardFiles.README);
        for (JsonNode panel : DashboardFiles.panels(dashboard)) {
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(readme)
                        .as("dashboards/README.md lists panel '%s'", title(panel))
                        .contains("| " + title(panel) + " |");
            }
        }
    }

    /**
     * The paths docker-compose mounts: provisioning at /etc/grafana/provisioning, the JSON at
     * .../dashboards/flowerstream.
     */
    @Test
    void provisioningMatchesTheDashboardAndTheComposeMounts() {
        JsonNode datasource = DashboardFiles.yaml(DashboardFiles.DATASOURCES)
                .path("datasources")
                .get(0);
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(datasource.path("access").asText()).isEqualTo("proxy");
        JsonNode provider = DashboardFiles.yaml(DashboardFiles.DASHBOARD_PROVIDER)
                .path("providers")
                .get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isEqualTo("/etc/grafana/dashboards/flowerstream");
        JsonNode scrape = DashboardFiles.yaml(DashboardFiles.PROMETHEUS_CONFIG).path("scrape_configs");
        List<String> jobs = new ArrayList<>();
        scrape.forEach(j -> jobs.add(j.path("job_name").asText()));
        assertThat(jobs).containsExactlyElementsOf(DashboardFiles.JOBS);
    }

    private static String title(JsonNode panel) {
        return panel.path("title").asText();
    }
}
