package io.flowerstream.ingest.roundtrip;

import io.flowerstream.contracts.events.PredictionEvent;
import io.flowerstream.contracts.topics.Headers;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One photo through the running pipeline: publishes a generated JPEG (no label, so it is never
 * training data) to the images topic and waits for its committed prediction, or its dead letter.
 * What the Helm chart's {@code helm test} Pod runs to show a deployment classifies.
 */
public final class RoundTrip {

    /** The value of the {@code source} header, so the image can be told apart in the topics. */
    public static final String SOURCE = "roundtrip";

    /** How it ended: the prediction, or why there is none. */
    public record Result(String imageId, PredictionEvent prediction, String failure, long millis) {
        public boolean passed() {
            return prediction != null;
        }
    }

    private final KafkaClientConfig kafka;
    private final String imagesTopic;
    private final String predictionsTopic;
    private final String deadLetterTopic;

    public RoundTrip(KafkaClientConfig kafka, String imagesTopic, String predictionsTopic, String deadLetterTopic) {
        this.kafka = kafka;
        this.imagesTopic = imagesTopic;
        this.predictionsTopic = predictionsTopic;
        this.deadLetterTopic = deadLetterTopic;
    }

    /** Publishes one photo and waits up to {@code timeout} for its prediction. */
    public Result run(Duration timeout) {
        String id = "roundtrip-" + UUID.randomUUID();
        Properties consumerProps = kafka.toProperties();
        // Only committed predictions count: what a user of the topic sees.
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // Positions at the end before publishing, so nothing of the answer can be missed.
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(predictionsTopic, deadLetterTopic)) {
                consumer.partitionsFor(topic, timeout)
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            long start = System.nanoTime();
            publish(id, timeout);
            long deadline = start + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null || !id.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    if (record.topic().equals(predictionsTopic)) {
                        return new Result(id, PredictionEvent.fromJson(record.value()), null, ms);
                    }
                    return new Result(
                            id,
                            null,
                            "dead-lettered on " + deadLetterTopic + ": " + header(record, Headers.ERROR_STAGE) + " / "
                                    + header(record, Headers.ERROR_REASON),
                            ms);
                }
            }
            return new Result(
                    id,
                    null,
                    "no prediction on " + predictionsTopic + " within " + timeout.toSeconds()
                            + " s: is a classifier running and ready (it needs a model: `model list`), and is it in "
                            + "the same cluster and topics?",
                    timeout.toMillis());
        }
    }

    private void publish(String id, Duration timeout) {
        Properties props = kafka.toProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Kafka wants delivery.timeout.ms >= linger.ms + request.timeout.ms; the wait below bounds the whole send.
        int requestMs = (int) Math.min(timeout.toMillis(), 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestMs);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, requestMs + 5_000);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> record =
                    new ProducerRecord<>(imagesTopic, id.getBytes(StandardCharsets.UTF_8), photo());
            record.headers().add(Headers.SOURCE, SOURCE.getBytes(StandardCharsets.UTF_8));
            record.headers().add(Headers.CONTENT_TYPE, "image/jpeg".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(
                    "could not publish the round-trip photo to " + imagesTopic + " on " + kafka.bootstrapServers()
                            + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the round-trip photo", e);
        }
    }

    /** A small yellow-on-green JPEG: decodable, so only a classifier can turn it into a prediction. */
    static byte[] photo() {
        BufferedImage image = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(60, 120, 40));
        g.fillRect(0, 0, 200, 150);
        g.setColor(new Color(240, 200, 30));
        g.fillOval(60, 35, 80, 80);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
