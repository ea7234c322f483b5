package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The chart README's parameter table and values.yaml describe the same keys. */
class ChartReadmeTest {

    private static final Pattern TABLE_KEY = Pattern.compile("`([a-zA-Z][a-zA-Z0-9.]*)`");

    @Test
    void every_value_is_in_the_parameter_table_itself_or_through_a_parent_key() throws IOException {
        Set<String> documented = tableKeys();

        List<String> missing = new ArrayList<>();
        for (String key : valueKeys()) {
            boolean covered = false;
            for (String prefix = key; prefix != null; prefix = parent(prefix)) {
                covered |= documented.contains(prefix);
            }
            if (!covered) {
                missing.add(key);
            }
        }
        assertThat(missing)
                .as("values.yaml keys missing from helm/flowerstream/README.md's table")
                .isEmpty();
    }

    @Test
    void every_key_in_the_parameter_table_exists_in_values() throws IOException {
        Set<String> known = new TreeSet<>();
        for (String key : valueKeys()) {
            for (String prefix = key; prefix != null; prefix = parent(prefix)) {
                known.add(prefix);
            }
        }
        assertThat(tableKeys()).as("README keys that values.yaml lacks").isSubsetOf(known);
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_alert_has_a_runbook_url_pointing_at_its_section_of_this_readme() throws IOException {
        String readme = Files.readString(RepoPaths.CHART.resolve("README.md"));
        Set<String> anchors = new TreeSet<>();
        readme.lines()
                .filter(l -> l.startsWith("#"))
                .forEach(l -> anchors.add(l.replaceFirst("^#+\\s*", "")
                        .toLowerCase()
                        .replaceAll("[^a-z0-9 -]", "")
                        .replace(' ', '-')));
        Map<String, Object> rules;
        try (Reader reader = Files.newBufferedReader(RepoPaths.CHART.resolve("rules/flowerstream-alerts.yml"))) {
            rules = new Yaml().load(reader);
        }
        List<String> problems = new ArrayList<>();
        int alerts = 0;
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (!rule.containsKey("alert")) {
                    continue;
                }
                alerts++;
                String name = (String) rule.get("alert");
                Object url = ((Map<String, Object>) rule.get("annotations")).get("runbook_url");
                String expected = "https://github.com/flowerstream/flowerstream/blob/main/helm/flowerstream/README.md#"
                        + name.toLowerCase();
                if (!expected.equals(url)) {
                    problems.add(name + ": runbook_url is " + url + ", expected " + expected);
                } else if (!anchors.contains(name.toLowerCase())) {
                    problems.add(name + ": helm/flowerstream/README.md has no heading '### " + name + "'");
                }
            }
        }
        assertThat(alerts).isGreaterThanOrEqualTo(9);
        assertThat(problems).isEmpty();
    }

    /** Keys named in the first column of the README's parameter table. */
    private static Set<String> tableKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        String readme = Files.readString(RepoPaths.CHART.resolve("README.md"));
        String table = readme.substring(readme.indexOf("## Parameters"));
        for (String line : table.lines().filter(l -> l.startsWith("| `")).toList()) {
            String firstColumn = line.split("\\|")[1];
            Matcher matcher = TABLE_KEY.matcher(firstColumn);
            while (matcher.find()) {
                keys.add(matcher.group(1));
            }
        }
        return keys;
    }

    /** Every leaf key of values.yaml in dot notation; empty maps and lists count as leaves. */
    private static Set<String> valueKeys() throws IOException {
        try (Reader reader = Files.newBufferedReader(RepoPaths.CHART.resolve("values.yaml"))) {
            Map<String, Object> values = new Yaml().load(reader);
            Set<String> keys = new TreeSet<>();
            flatten("", values, keys);
            return keys;
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Set<String> keys) {
        map.forEach((name, value) -> {
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            if (value instanceof Map<?, ?> child && !child.isEmpty()) {
                flatten(key, (Map<String, Object>) child, keys);
            } else {
                keys.add(key);
            }
        });
    }

    private static String parent(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? null : key.substring(0, dot);
    }
}
