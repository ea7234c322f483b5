package io.flowerstream.standalone.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's Prometheus run beside the standalone pipeline, on 127.0.0.1, scraping its services
 * with the project's alert rules, so that the dashboards' queries can be tried.
 */
public final class LocalPrometheus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPrometheus.class);

    private final Process process;
    private final int port;

    private LocalPrometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether a {@code prometheus} binary is on the PATH. */
    public static boolean available() {
        return findOnPath("prometheus") != null;
    }

    /**
     * Starts Prometheus with its data under {@code dataDir}, scraping each job's 127.0.0.1 target
     * ({@code job -> host:port}) every 5 s, with the rule files found in {@code rulesDir} (if any).
     */
    public static LocalPrometheus start(Path dataDir, int port, Map<String, String> targets, Path rulesDir) {
        Path binary = findOnPath("prometheus");
        if (binary == null) {
            throw new IllegalStateException("--with-prometheus needs the prometheus binary on the PATH: apt-get "
                    + "install prometheus, or leave the flag out");
        }
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("prometheus.yml");
            Files.writeString(config, config(targets, rulesDir));
            Path log = dataDir.resolve("prometheus.log");
            Process process = new ProcessBuilder(
                            binary.toString(),
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + dataDir.resolve("tsdb"),
                            "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            LOG.info("prometheus on http://127.0.0.1:{} (log {})", port, log);
            return new LocalPrometheus(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start prometheus under " + dataDir, e);
        }
    }

    /** Prometheus' address. */
    public String address() {
        return "http://127.0.0.1:" + port;
    }

    static String config(Map<String, String> targets, Path rulesDir) {
        StringBuilder yaml = new StringBuilder("# Written by ./flowerstream up --with-prometheus\n"
                + "global:\n  scrape_interval: 5s\n  evaluation_interval: 5s\n");
        if (rulesDir != null && Files.isRegularFile(rulesDir.resolve("flowerstream-alerts.yml"))) {
            yaml.append("rule_files:\n  - ")
                    .append(rulesDir.toAbsolutePath().resolve("flowerstream-alerts.yml"))
                    .append('\n');
        }
        yaml.append("scrape_configs:\n");
        targets.forEach((job, target) -> yaml.append("  - job_name: ")
                .append(job)
                .append('\n')
                .append("    metrics_path: /metrics\n    static_configs:\n      - targets: ['")
                .append(target)
                .append("']\n"));
        return yaml.toString();
    }

    private static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : List.of(path.split(java.io.File.pathSeparator))) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
