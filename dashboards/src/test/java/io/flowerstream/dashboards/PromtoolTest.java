package io.flowerstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowerstream.dashboards.DashboardFiles.PanelQuery;
import io.flowerstream.dashboards.DashboardFiles.Variable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus files through Debian's {@code promtool} (2.42): the config and the rules are
 * valid, the unit tests of the alerts pass, every alert has a firing and a non-firing case, and
 * every dashboard query parses as PromQL. Skipped with a message where promtool is absent.
 */
class PromtoolTest {

    @Test
    void prometheusConfigIsValidWithItsRuleFile() throws Exception {
        Promtool.Result result =
                Promtool.run(DashboardFiles.MODULE, "check", "config", DashboardFiles.PROMETHEUS_CONFIG.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("1 rule files found");
    }

    @Test
    void alertRulesAreValid() throws Exception {
        Promtool.Result result = Promtool.run(DashboardFiles.MODULE, "check", "rules", DashboardFiles.RULES.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("SUCCESS: " + DashboardFiles.alerts().size() + " rules found");
    }

    @Test
    void alertUnitTestsPass() throws Exception {
        Promtool.Result result = Promtool.run(
                DashboardFiles.RULE_TESTS.getParent(),
                "test",
                "rules",
                DashboardFiles.RULE_TESTS.getFileName().toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    /** Not promtool's own check: each alert must be tested both ways, or a rule that never fires would pass. */
    @Test
    void everyAlertHasAFiringAndANonFiringUnitTest() {
        Set<String> firing = new LinkedHashSet<>();
        Set<String> silent = new LinkedHashSet<>();
        for (JsonNode test : DashboardFiles.yaml(DashboardFiles.RULE_TESTS).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                String name = check.path("alertname").asText();
                (check.path("exp_alerts").size() > 0 ? firing : silent).add(name);
            }
        }
        for (DashboardFiles.Alert alert : DashboardFiles.alerts()) {
            assertThat(firing)
                    .as("a promtool test where %s fires", alert.name())
                    .contains(alert.name());
            assertThat(silent)
                    .as("a promtool test where %s does not fire", alert.name())
                    .contains(alert.name());
        }
    }

    /**
     * Every panel query and every variable's selector, with the variables substituted, parses: they
     * are written as recording rules into a scratch file that {@code promtool check rules} reads.
     */
    @Test
    void everyDashboardQueryParses(@TempDir Path dir) throws Exception {
        JsonNode dashboard = DashboardFiles.dashboard();
        Map<String, String> values = new HashMap<>();
        List<Variable> variables = DashboardFiles.variables(dashboard);
        variables.forEach(v -> values.put(v.name(), ".*"));
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        int n = 0;
        for (PanelQuery q : DashboardFiles.panelQueries(dashboard)) {
            rules.append(rule(++n, DashboardFiles.substitute(q.expr(), values, "1m", "6h")));
        }
        for (Variable v : variables) {
            rules.append(rule(++n, v.selector()));
        }
        Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(file, rules);
        Promtool.Result result = Promtool.run(dir, "check", "rules", file.toString());
        assertThat(result.exitCode()).as("%s\n%s", result.output(), rules).isZero();
        assertThat(result.output()).contains("SUCCESS: " + n + " rules found");
    }

    private static String rule(int n, String expr) {
        // JSON strings are valid YAML scalars: no escaping rules of our own.
        return "      - record: dashboard:query:" + n + "\n        expr: " + quote(expr) + "\n";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
