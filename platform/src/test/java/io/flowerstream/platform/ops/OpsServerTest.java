package io.flowerstream.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void serves_metrics_liveness_and_readiness_that_follows_the_service() throws Exception {
        PrometheusMeterRegistry registry = ServiceMetrics.newRegistry("test");
        registry.counter("flowers.test.things").increment(3);
        AtomicBoolean ready = new AtomicBoolean(false);
        try (OpsServer server = new OpsServer(registry, ready::get).start("127.0.0.1", 0)) {
            HttpResponse<String> metrics = get(server.address() + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("flowers_test_things_total{service=\"test\"} 3.0")
                    .contains("jvm_memory_used_bytes");

            assertThat(get(server.address() + "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(server.address() + "/health/ready").statusCode()).isEqualTo(503);
            ready.set(true);
            assertThat(get(server.address() + "/health/ready").statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
