package io.flowerstream.platform.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The operations endpoints every service serves: {@code /metrics} in Prometheus' text format,
 * {@code /health/live} and {@code /health/ready}. Services with an API of their own (ingest) mount
 * them on their server instead through {@link #mount(HttpServer)}.
 */
public final class OpsServer implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;
    private final BooleanSupplier live;
    private HttpServer server;

    /** Endpoints over {@code registry}, ready when {@code ready} says so, always live. Not started. */
    public OpsServer(PrometheusMeterRegistry registry, BooleanSupplier ready) {
        this(registry, ready, () -> true);
    }

    /**
     * Endpoints over {@code registry}, ready when {@code ready} says so and live while {@code live}
     * does: a process that can no longer recover (e.g. a Kafka Streams client in ERROR) answers
     * {@code /health/live} with 503, so that Kubernetes restarts it.
     */
    public OpsServer(PrometheusMeterRegistry registry, BooleanSupplier ready, BooleanSupplier live) {
        this.registry = registry;
        this.ready = ready;
        this.live = live;
    }

    /** Starts a server of its own on {@code host:port} (port 0 picks a free one). */
    public OpsServer start(String host, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not listen on " + host + ":" + port
                            + " for /metrics and /health: is another process using the port? Choose another with "
                            + "--http-port",
                    e);
        }
        mount(server);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ops-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return this;
    }

    /** Adds the three endpoints to an existing server. */
    public void mount(HttpServer target) {
        target.createContext(
                "/metrics",
                exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        target.createContext("/health/live", exchange -> {
            boolean isLive = live.getAsBoolean();
            respond(exchange, isLive ? 200 : 503, "text/plain", isLive ? "live\n" : "not live: restart me\n");
        });
        target.createContext("/health/ready", exchange -> {
            boolean isReady = ready.getAsBoolean();
            respond(exchange, isReady ? 200 : 503, "text/plain", isReady ? "ready\n" : "not ready\n");
        });
    }

    /** The bound port, once started. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base address, e.g. {@code http://127.0.0.1:9464}. */
    public String address() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
