package io.flowerstream.ingest.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the HTTP endpoint listens and what it accepts: address, the byte limit of one image, how
 * long to wait for the broker's acknowledgement before answering 503, and the optional token.
 */
public record HttpSettings(
        String host, int port, long maxBytes, Duration sendTimeout, Optional<BearerToken> token, int threads) {

    /** Loopback only unless told otherwise: the endpoint has no TLS of its own. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    public static final int DEFAULT_PORT = 8081;
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(5);

    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--http-port must be 0-65535, not " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("HTTP threads must be at least 1, not " + threads);
        }
    }

    /** Defaults but for the port (0 picks a free one) and the token. */
    public static HttpSettings onPort(int port, long maxBytes, Optional<BearerToken> token) {
        return new HttpSettings(DEFAULT_HOST, port, maxBytes, DEFAULT_SEND_TIMEOUT, token, 8);
    }
}
