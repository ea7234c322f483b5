package io.flowerstream.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The meters of the publishing paths (CLI and HTTP): images by outcome and reason, bytes
 * published, and the time an HTTP request takes from first byte to answer. Tags are bounded:
 * path ({@code cli}, {@code http}), outcome, and the decoder's reason codes; never an image id.
 */
public final class IngestMetrics {

    /** The outcome tag of an image that the broker acknowledged. */
    public static final String PUBLISHED = "published";
    /** The outcome tag of an image that was not published (bad image, label, auth, broker). */
    public static final String REFUSED = "refused";

    private final MeterRegistry registry;
    private final String path;
    private final Counter bytes;
    private final Timer requests;

    /** Meters for one publishing path ({@code cli} or {@code http}) on {@code registry}. */
    public IngestMetrics(MeterRegistry registry, String path) {
        this.registry = registry;
        this.path = path;
        this.bytes = Counter.builder("flowers.ingest.bytes")
                .baseUnit("bytes")
                .tag("path", path)
                .description("Image bytes acknowledged by the broker")
                .register(registry);
        this.requests = Timer.builder("flowers.ingest.request")
                .tag("path", path)
                .description("Time to handle one image, from receipt to the broker's acknowledgement or the refusal")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** Counts one published image of {@code size} bytes. */
    public void published(long size) {
        images(PUBLISHED, "none").increment();
        bytes.increment(size);
    }

    /** Counts one refused image with its reason code. */
    public void refused(String reason) {
        images(REFUSED, reason).increment();
    }

    /** The request timer, for {@code Timer.Sample.stop}. */
    public Timer requests() {
        return requests;
    }

    /** The count of images with this outcome and reason so far (tests, summaries). */
    public double count(String outcome, String reason) {
        return images(outcome, reason).count();
    }

    private Counter images(String outcome, String reason) {
        return Counter.builder("flowers.ingest.images")
                .tag("path", path)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .description("Images offered for publishing, by outcome and reason")
                .register(registry);
    }
}
