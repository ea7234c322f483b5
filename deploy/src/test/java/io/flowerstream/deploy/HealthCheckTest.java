package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The images' probe against a real HTTP server on a free port. */
class HealthCheckTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void passes_when_the_service_is_ready() throws IOException {
        assertThat(HealthCheck.check(serve(200), Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void fails_when_the_service_answers_not_ready() throws IOException {
        assertThat(HealthCheck.check(serve(503), Duration.ofSeconds(2))).isFalse();
    }

    @Test
    void fails_when_nothing_listens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(HealthCheck.check(URI.create("http://127.0.0.1:" + port + "/health/ready"), Duration.ofSeconds(2)))
                .isFalse();
    }

    @Test
    void probes_the_containers_http_port_unless_given_an_address() {
        assertThat(HealthCheck.target(new String[0], Map.of("HTTP_PORT", "9402")))
                .isEqualTo(URI.create("http://127.0.0.1:9402/health/ready"));
        assertThat(HealthCheck.target(new String[0], Map.of()))
                .isEqualTo(URI.create("http://127.0.0.1:8081/health/ready"));
        assertThat(HealthCheck.target(new String[] {"http://10.0.0.1:1/x"}, Map.of()))
                .isEqualTo(URI.create("http://10.0.0.1:1/x"));
    }

    private URI serve(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health/ready", exchange -> {
            byte[] body = (status == 200 ? "ready\n" : "not ready\n").getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health/ready");
    }
}
