package io.flowerstream.ingest.http;

import com.sun.net.httpserver.HttpServer;
import io.flowerstream.ingest.check.ImageCheck;
import io.flowerstream.ingest.metrics.IngestMetrics;
import io.flowerstream.ingest.publish.ImagePublisher;
import io.flowerstream.platform.ops.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The ingest HTTP endpoint: {@code POST /v1/images} beside {@code /metrics},
 * {@code /health/live} and {@code /health/ready}, on the JDK's own server. {@link #create}
 * binds but does not start, so tests and the standalone pipeline choose when.
 */
public final class IngestHttpServer implements AutoCloseable {

    /** The path images are posted to. */
    public static final String IMAGES_PATH = "/v1/images";

    static {
        // The JDK server leaves Nagle's algorithm on, so each small JSON answer can wait for the
        // client's delayed ACK (tens of ms): measured, it cut HTTP throughput by half. The JDK reads
        // this once, when its first server is created; set it earlier (-D) where another server comes first.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private IngestHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** A server on {@code settings}' address, not started; {@code ready} answers {@code /health/ready}. */
    public static IngestHttpServer create(
            HttpSettings settings,
            ImageCheck check,
            ImagePublisher publisher,
            PrometheusMeterRegistry registry,
            BooleanSupplier ready) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not listen on " + settings.host() + ":" + settings.port() + " (" + e.getMessage()
                            + "): is another process using the port? Choose another with --http-port or HTTP_PORT",
                    e);
        }
        server.createContext(
                IMAGES_PATH, new ImagesHandler(settings, check, publisher, new IngestMetrics(registry, "http")));
        new OpsServer(registry, ready).mount(server);
        ExecutorService executor = Executors.newFixedThreadPool(settings.threads(), runnable -> {
            Thread thread = new Thread(runnable, "ingest-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        return new IngestHttpServer(server, executor);
    }

    /** Starts answering. */
    public IngestHttpServer start() {
        server.start();
        return this;
    }

    /** The bound port (the free one chosen for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base address, e.g. {@code http://127.0.0.1:8081}. */
    public String address() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    /** Stops accepting, gives requests in progress a moment to finish, then stops the threads. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
