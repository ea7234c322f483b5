package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Grafana dashboards reach the cluster as a ConfigMap the sidecar picks up, unchanged. */
class DashboardConfigMapTest {

    @Test
    void the_dashboard_config_map_is_labelled_for_the_sidecar_and_holds_the_repository_json() throws IOException {
        ConfigMap dashboards = RenderedChart.render().one(ConfigMap.class, RenderedChart.PREFIX + "dashboards");

        assertThat(dashboards.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        try (Stream<Path> files = Files.list(RepoPaths.DASHBOARDS)) {
            var jsons = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(jsons).as("dashboards in %s", RepoPaths.DASHBOARDS).isNotEmpty();
            assertThat(dashboards.getData()).hasSize(jsons.size());
            for (Path json : jsons) {
                assertThat(dashboards.getData().get(json.getFileName().toString()))
                        .as("ConfigMap entry %s", json.getFileName())
                        .isEqualTo(Files.readString(json));
            }
        }
    }

    @Test
    void the_dashboard_config_map_can_be_switched_off() {
        assertThat(RenderedChart.render(RenderedChart.sets("grafanaDashboard.enabled", false))
                        .all(ConfigMap.class))
                .extracting(c -> c.getMetadata().getName())
                .containsExactly("fs-flowerstream");
    }
}
