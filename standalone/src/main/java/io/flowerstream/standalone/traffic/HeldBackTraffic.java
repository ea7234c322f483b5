package io.flowerstream.standalone.traffic;

import io.flowerstream.contracts.ids.ImageId;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.standalone.local.PhotoFolder.Photo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the held-back photos through the ingest HTTP endpoint as unlabelled traffic at a fixed
 * rate, as a user's camera would, and sends each one's true label to {@code flowers.feedback} a
 * little later, as a person confirming it would, so that online accuracy is live.
 */
public final class HeldBackTraffic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeldBackTraffic.class);

    private final String endpoint;
    private final String feedbackTopic;
    private final KafkaProducer<String, String> feedback;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "held-back-traffic");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger feedbackSent = new AtomicInteger();

    /** Traffic to {@code ingestAddress}'s {@code /v1/images}, feedback through {@code kafka}. */
    public HeldBackTraffic(String ingestAddress, KafkaClientConfig kafka, String feedbackTopic) {
        this.endpoint = ingestAddress + "/v1/images";
        this.feedbackTopic = feedbackTopic;
        Properties props = kafka.toProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "flowerstream-standalone-feedback");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.feedback = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /**
     * Sends {@code photos} one every {@code 1/imagesPerSecond} s, each true label {@code feedbackDelay}
     * after its image. Returns at once.
     */
    public void start(List<Photo> photos, double imagesPerSecond, Duration feedbackDelay) {
        long periodMicros = (long) (1_000_000 / imagesPerSecond);
        for (int i = 0; i < photos.size(); i++) {
            Photo photo = photos.get(i);
            scheduler.schedule(() -> send(photo, feedbackDelay), i * periodMicros, TimeUnit.MICROSECONDS);
        }
        LOG.info(
                "streaming {} held-back images at {} images/s, true labels {} s later",
                photos.size(),
                String.format(Locale.ROOT, "%.1f", imagesPerSecond),
                feedbackDelay.toSeconds());
    }

    private void send(Photo photo, Duration feedbackDelay) {
        try {
            byte[] bytes = Files.readAllBytes(photo.path());
            String contentType =
                    photo.path().toString().toLowerCase(Locale.ROOT).endsWith(".png") ? "image/png" : "image/jpeg";
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", contentType)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                refused.incrementAndGet();
                LOG.warn("ingest answered {} for {}: {}", response.statusCode(), photo.path(), response.body());
                return;
            }
            sent.incrementAndGet();
            String imageId = ImageId.of(bytes);
            scheduler.schedule(
                    () -> {
                        feedback.send(new ProducerRecord<>(feedbackTopic, imageId, photo.label()));
                        feedbackSent.incrementAndGet();
                    },
                    feedbackDelay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            refused.incrementAndGet();
            LOG.warn("could not send {} to {}: {}", photo.path(), endpoint, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Images the endpoint accepted. */
    public int sent() {
        return sent.get();
    }

    /** Images the endpoint refused or that could not be sent. */
    public int refused() {
        return refused.get();
    }

    /** True labels sent to the feedback topic. */
    public int feedbackSent() {
        return feedbackSent.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        feedback.close(Duration.ofSeconds(5));
    }
}
