package io.flowerstream.platform.lag;

import io.flowerstream.platform.ops.OpsServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lag exporter as a running service: polls the broker through a {@link GroupLagReader} every
 * interval, keeps the {@link LagGauges} current and serves them on {@code /metrics}, with
 * {@code /health/ready} once a poll has succeeded. A failed poll removes the lag series (their values
 * are unknown) and counts {@code lag_exporter_polls_total{outcome="failed"}}; the next poll retries.
 */
public final class LagExporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LagExporter.class);

    private final GroupLagReader reader;
    private final LagGauges gauges;
    private final Counter ok;
    private final Counter failed;
    private final AtomicBoolean polledOnce = new AtomicBoolean();
    private final OpsServer ops;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lag-exporter-poll");
        t.setDaemon(true);
        return t;
    });

    /** An exporter over {@code registry}; not started. */
    public LagExporter(GroupLagReader reader, PrometheusMeterRegistry registry) {
        this.reader = reader;
        this.gauges = new LagGauges(registry);
        this.ok = Counter.builder("lag.exporter.polls")
                .description("broker polls by outcome")
                .tag("outcome", "ok")
                .register(registry);
        this.failed = Counter.builder("lag.exporter.polls")
                .description("broker polls by outcome")
                .tag("outcome", "failed")
                .register(registry);
        this.ops = new OpsServer(registry, polledOnce::get);
    }

    /** Serves /metrics and /health on {@code host:port} and polls every {@code interval}, the first poll at once. */
    public LagExporter start(String host, int port, Duration interval) {
        ops.start(host, port);
        poller.scheduleWithFixedDelay(this::pollOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One poll: update the series, or remove them and log why when the broker cannot be read. */
    void pollOnce() {
        try {
            LagSnapshot snapshot = reader.read();
            gauges.update(snapshot);
            ok.increment();
            if (polledOnce.compareAndSet(false, true)) {
                LOG.info(
                        "lag exporter: first poll done, {} partitions watched, {} group positions exported",
                        snapshot.logEnds().size(),
                        snapshot.groups().size());
            }
        } catch (RuntimeException e) {
            gauges.clear();
            failed.increment();
            LOG.warn("lag exporter: poll failed, lag series removed until the next poll succeeds: {}", e.getMessage());
        }
    }

    /** The base address of /metrics and /health, e.g. {@code http://127.0.0.1:9308}. */
    public String address() {
        return ops.address();
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ops.close();
    }
}
