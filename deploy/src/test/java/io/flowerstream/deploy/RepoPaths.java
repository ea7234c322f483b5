package io.flowerstream.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the files under test live: the repository root is the deploy module's parent. */
final class RepoPaths {

    /** The repository root (Maven runs the tests in the module's folder). */
    static final Path ROOT = locateRoot();
    /** The Helm chart. */
    static final Path CHART = ROOT.resolve("helm/flowerstream");
    /** The repository's Grafana dashboards (the original; the chart ships a copy). */
    static final Path DASHBOARDS = ROOT.resolve("dashboards/grafana");
    /** The chart's copy of the dashboards, which .Files.Glob can read. */
    static final Path CHART_DASHBOARDS = CHART.resolve("dashboards");

    private RepoPaths() {}

    private static Path locateRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (a folder with docker-compose.yml and mvnw) above " + here);
    }
}
