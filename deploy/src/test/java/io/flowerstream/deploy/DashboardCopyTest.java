package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Helm cannot read outside the chart's folder, so the chart carries a copy of
 * {@code dashboards/grafana/*.json}; this fails the moment the two differ.
 */
class DashboardCopyTest {

    @Test
    void the_chart_carries_an_exact_copy_of_every_repository_dashboard() throws IOException {
        Map<String, String> repository = jsonFiles(RepoPaths.DASHBOARDS);
        Map<String, String> chart = jsonFiles(RepoPaths.CHART_DASHBOARDS);

        assertThat(repository).as("dashboards in %s", RepoPaths.DASHBOARDS).isNotEmpty();
        assertThat(chart)
                .as("helm/flowerstream/dashboards/ must equal dashboards/grafana/ (*.json). Fix: rm "
                        + "helm/flowerstream/dashboards/*.json && cp dashboards/grafana/*.json "
                        + "helm/flowerstream/dashboards/")
                .isEqualTo(repository);
    }

    private static Map<String, String> jsonFiles(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(f -> f.toString().endsWith(".json")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }
}
