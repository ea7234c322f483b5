package io.flowerstream.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of {@code dashboards/} as the tests read them: the Grafana dashboard, its provisioning,
 * the Prometheus config and the alert rules, with the queries they hold. Paths are relative to the
 * module directory, surefire's working directory.
 */
final class DashboardFiles {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path DASHBOARD = MODULE.resolve("grafana/flowerstream.json");
    static final Path DATASOURCES = MODULE.resolve("grafana/provisioning/datasources/prometheus.yml");
    static final Path DASHBOARD_PROVIDER = MODULE.resolve("grafana/provisioning/dashboards/flowerstream.yml");
    static final Path PROMETHEUS_CONFIG = MODULE.resolve("prometheus/prometheus.yml");
    static final Path RULES = MODULE.resolve("prometheus/rules/flowerstream-alerts.yml");
    static final Path RULE_TESTS = MODULE.resolve("prometheus/rules/flowerstream-alerts.test.yml");
    static final Path README = MODULE.resolve("README.md");

    /**
     * The job names of prometheus.yml, which the live test's own config repeats with local targets.
     * kafka-exporter is {@code flowerstream lag-exporter}, under the name of the exporter whose metrics it serves.
     */
    static final List<String> JOBS = List.of("ingest", "classifier", "trainer", "kafka-exporter");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** {@code label_values(<selector>, <label>)}: the only variable query form the dashboard uses. */
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)$");

    private DashboardFiles() {}

    static JsonNode dashboard() {
        return read(JSON, DASHBOARD);
    }

    static JsonNode yaml(Path file) {
        return read(YAML, file);
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The uid of the one provisioned Prometheus datasource. */
    static String provisionedDatasourceUid() {
        JsonNode sources = yaml(DATASOURCES).path("datasources");
        if (sources.size() != 1
                || !"prometheus".equals(sources.get(0).path("type").asText())) {
            throw new IllegalStateException(DATASOURCES + " must provision exactly one Prometheus datasource");
        }
        return sources.get(0).path("uid").asText();
    }

    /** Every panel, rows included, nested rows' panels included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    /** One PromQL expression of a panel. */
    record PanelQuery(String panel, String refId, String expr) {
        @Override
        public String toString() {
            return "panel '" + panel + "' query " + refId;
        }
    }

    static List<PanelQuery> panelQueries(JsonNode dashboard) {
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new PanelQuery(
                        panel.path("title").asText(),
                        target.path("refId").asText(),
                        target.path("expr").asText()));
            }
        }
        return queries;
    }

    /** A template variable whose query is {@code label_values(selector, label)}. */
    record Variable(String name, String selector, String label, String allValue) {}

    static List<Variable> variables(JsonNode dashboard) {
        List<Variable> variables = new ArrayList<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (DATASOURCE_VARIABLE_TYPE.equals(v.path("type").asText())) {
                continue; // the datasource picker, not a query (datasourceVariable)
            }
            JsonNode query = v.path("query");
            String text =
                    query.isTextual() ? query.asText() : query.path("query").asText();
            Matcher m = LABEL_VALUES.matcher(text.trim());
            if (!m.matches()) {
                throw new IllegalStateException("variable " + v.path("name").asText()
                        + ": query is not label_values(<selector>, <label>): " + text);
            }
            variables.add(new Variable(
                    v.path("name").asText(),
                    m.group(1).trim(),
                    m.group(2),
                    v.path("allValue").asText(null)));
        }
        return variables;
    }

    static final String DATASOURCE_VARIABLE_TYPE = "datasource";

    /** The datasource picker variable: every panel and target refers to the datasource through it. */
    static JsonNode datasourceVariable(JsonNode dashboard) {
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (DATASOURCE_VARIABLE_TYPE.equals(v.path("type").asText())) {
                return v;
            }
        }
        throw new IllegalStateException("the dashboard has no datasource variable");
    }

    /** One alert rule. */
    record Alert(String name, String expr) {}

    static List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode group : yaml(RULES).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.add(new Alert(
                            rule.path("alert").asText(), rule.path("expr").asText()));
                }
            }
        }
        return alerts;
    }

    /**
     * {@code expr} with Grafana's variables replaced: the dashboard's own by {@code values}, and
     * the built-in intervals by fixed durations. Fails on a variable it does not know.
     */
    static String substitute(String expr, Map<String, String> values, String rateInterval, String range) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("__rate_interval", rateInterval);
        all.put("__interval", rateInterval);
        all.put("__range", range);
        all.putAll(values);
        Matcher m = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)").matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = all.get(name);
            if (value == null) {
                throw new IllegalArgumentException("unknown variable $" + name + " in " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
