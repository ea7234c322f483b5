package io.flowerstream.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowerstream.embedded.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's {@code prometheus} as a child process on 127.0.0.1 (a free port, a scratch storage
 * directory) with a config that the test writes: the jobs of {@code prometheus.yml} with local
 * targets, a 1 s scrape and evaluation interval, and the real rule file. Closed, it is stopped and
 * waited for.
 */
final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Prometheus scraping {@code targets} (job name to host:port) and waits until it is ready. */
    static PrometheusServer start(Path executable, Path dir, Map<String, String> targets, Path rules) throws Exception {
        StringBuilder config = new StringBuilder()
                .append("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n")
                .append("rule_files:\n  - ")
                .append(quote(rules.toAbsolutePath().toString()))
                .append('\n')
                .append("scrape_configs:\n");
        targets.forEach((job, target) -> config.append("  - job_name: ")
                .append(job)
                .append('\n')
                .append("    metrics_path: /metrics\n")
                .append("    static_configs:\n      - targets: [")
                .append(quote(target))
                .append("]\n"));
        Path configFile = dir.resolve("prometheus.yml");
        Files.writeString(configFile, config);
        Path data = Files.createDirectories(dir.resolve("data"));
        Path log = dir.resolve("prometheus.log");
        int port = FreePorts.next();
        Process process = new ProcessBuilder(
                        executable.toString(),
                        "--config.file=" + configFile,
                        "--storage.tsdb.path=" + data,
                        "--web.listen-address=127.0.0.1:" + port,
                        "--web.enable-lifecycle")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, log, port);
        try {
            server.awaitReady(Duration.ofSeconds(30));
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(uri("/-/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("prometheus not ready within " + timeout + ":\n" + logTail());
    }

    /** The last lines of Prometheus' own log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String address() {
        return "http://127.0.0.1:" + port;
    }

    private URI uri(String path) {
        return URI.create(address() + path);
    }

    /** GET {@code path?params}: the API's JSON, whatever its status. */
    JsonNode get(String path, Map<String, String> params) throws IOException, InterruptedException {
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(uri(path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(20))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** An instant query at now. */
    JsonNode query(String expr) throws IOException, InterruptedException {
        return get("/api/v1/query", Map.of("query", expr));
    }

    /** A range query, as Grafana runs a panel's queries. */
    JsonNode queryRange(String expr, Instant start, Instant end, Duration step)
            throws IOException, InterruptedException {
        return get(
                "/api/v1/query_range",
                Map.of(
                        "query",
                        expr,
                        "start",
                        Long.toString(start.getEpochSecond()),
                        "end",
                        Long.toString(end.getEpochSecond()),
                        "step",
                        step.toSeconds() + "s"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
