package io.flowerstream.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The container health probe: exits 0 when the service's {@code /health/ready} answers 200, 1
 * otherwise.
 *
 * <p>The JRE images carry neither curl nor wget, and installing them only for a probe adds a
 * package to patch; a JVM with nothing but the JDK on its class path starts in well under a
 * second, which is cheap enough for a probe every few seconds. Docker's {@code HEALTHCHECK} and
 * docker-compose run it; Kubernetes probes the same path over HTTP itself.
 */
public final class HealthCheck {

    /** How long one probe may take, connection and answer together, before it counts as a failure. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private HealthCheck() {}

    /** {@code java -cp /app/healthcheck io.flowerstream.deploy.HealthCheck [URL]}. */
    public static void main(String[] args) {
        System.exit(check(target(args, System.getenv()), TIMEOUT) ? 0 : 1);
    }

    /**
     * The address to probe: the first argument where given, else {@code /health/ready} on this
     * container's {@code HTTP_PORT} (every service reads the same variable).
     */
    static URI target(String[] args, Map<String, String> env) {
        if (args.length > 0) {
            return URI.create(args[0]);
        }
        // Every image sets HTTP_PORT; the fallback is ingest serve's own default.
        String port = env.getOrDefault("HTTP_PORT", "8081");
        return URI.create("http://127.0.0.1:" + port.trim() + "/health/ready");
    }

    /** True when {@code uri} answers 200 within {@code timeout}; says why on stderr when not. */
    static boolean check(URI uri, Duration timeout) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            int status = connection.getResponseCode();
            // Drain the small body so the connection closes cleanly; its text is not needed.
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            if (status == 200) {
                return true;
            }
            System.err.println("health check: " + uri + " answered " + status + ", not 200");
            return false;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("health check: " + uri + " did not answer: " + e);
            return false;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
