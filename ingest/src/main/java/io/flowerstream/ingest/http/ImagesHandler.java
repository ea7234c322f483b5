package io.flowerstream.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.ingest.check.ImageCheck;
import io.flowerstream.ingest.check.Verdict;
import io.flowerstream.ingest.metrics.IngestMetrics;
import io.flowerstream.ingest.publish.ImagePublisher;
import io.flowerstream.ingest.publish.ImageSubmission;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/images}: one image as the body, answered 202 only once the broker has
 * acknowledged it; every refusal carries {@code {"error": code, "message": ...}}.
 */
final class ImagesHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ImagesHandler.class);
    private static final Set<String> ACCEPTED_TYPES = Set.of("image/jpeg", "image/png");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpSettings settings;
    private final ImageCheck check;
    private final ImagePublisher publisher;
    private final IngestMetrics metrics;

    ImagesHandler(HttpSettings settings, ImageCheck check, ImagePublisher publisher, IngestMetrics metrics) {
        this.settings = settings;
        this.check = check;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Timer.Sample sample = Timer.start();
        try (exchange) {
            handleImage(exchange);
        } catch (IOException | RuntimeException e) {
            // A client that hung up mid-upload, most often; nothing was published.
            LOG.debug("request from {} ended early: {}", exchange.getRemoteAddress(), e.toString());
        } finally {
            sample.stop(metrics.requests());
        }
    }

    private void handleImage(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            refuse(exchange, 405, "method_not_allowed", "use POST with the image as the body");
            return;
        }
        if (settings.token().isPresent()
                && !settings.token().get().accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            refuse(exchange, 401, "unauthorized", "send the ingest token as 'Authorization: Bearer <token>'");
            return;
        }
        String contentType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (!ACCEPTED_TYPES.contains(contentType)) {
            refuse(
                    exchange,
                    415,
                    "unsupported_media_type",
                    "Content-Type '" + contentType
                            + "' is not accepted: send the image with Content-Type image/jpeg or image/png");
            return;
        }
        Optional<String> rawLabel = queryParameter(exchange.getRequestURI().getRawQuery(), "label");
        String label = rawLabel.map(FlowerClasses::normalise).orElse(null);
        if (rawLabel.isPresent() && !FlowerClasses.isValid(label)) {
            Map<String, Object> body =
                    error("unknown_label", "unknown label: use one of " + String.join(", ", FlowerClasses.NAMES));
            body.put("validLabels", FlowerClasses.NAMES);
            metrics.refused("unknown_label");
            send(exchange, 400, body);
            return;
        }
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long declaredLength = parseLength(declared);
        Optional<byte[]> body;
        try (InputStream in = exchange.getRequestBody()) {
            body = declaredLength > settings.maxBytes()
                    ? Optional.empty()
                    : BoundedBody.read(in, settings.maxBytes(), declaredLength);
            if (body.isEmpty()) {
                // Up to a few times the limit is dropped so that the client reads the 413; beyond, the connection just
                // closes.
                BoundedBody.discard(in, 4 * settings.maxBytes());
                exchange.getResponseHeaders().set("Connection", "close");
                tooLarge(exchange);
                return;
            }
        }
        byte[] bytes = body.get();
        Verdict verdict = check.check(bytes, "request body");
        if (verdict instanceof Verdict.Rejected rejected) {
            refuse(exchange, "too_large".equals(rejected.reason()) ? 413 : 400, rejected.reason(), rejected.message());
            return;
        }
        ImageSubmission image = ImageSubmission.of(bytes, label, ((Verdict.Accepted) verdict).contentType());
        RecordMetadata acked;
        try {
            acked = publisher.publish(image).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable(exchange, "interrupted while waiting for the broker");
            return;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            unavailable(
                    exchange,
                    "Kafka did not acknowledge the image within "
                            + settings.sendTimeout().toSeconds() + " s ("
                            + cause.getClass().getSimpleName() + ")");
            return;
        }
        metrics.published(bytes.length);
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("imageId", image.imageId());
        accepted.put("topic", acked.topic());
        accepted.put("partition", acked.partition());
        accepted.put("offset", acked.offset());
        send(exchange, 202, accepted);
    }

    private void tooLarge(HttpExchange exchange) throws IOException {
        refuse(
                exchange,
                413,
                "too_large",
                "the image is over the limit of " + settings.maxBytes()
                        + " bytes: shrink or recompress it below the size limit");
    }

    private void unavailable(HttpExchange exchange, String why) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", "5");
        refuse(exchange, 503, "kafka_unavailable", why + ": nothing was published; send it again later");
    }

    private void refuse(HttpExchange exchange, int status, String code, String message) throws IOException {
        metrics.refused(code);
        send(exchange, status, error(code, message));
    }

    private static Map<String, Object> error(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    private static void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The media type without parameters, lower case; {@code image/jpeg; charset=x} is {@code image/jpeg}. */
    static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    static Optional<String> queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static long parseLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
