package io.flowerstream.reliability.support;

import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.testsupport.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes distinct small JPEGs to {@code flowers.images} at a given rate, remembering every id sent. */
public final class ImageStream implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String prefix;
    private final int width;
    private final int height;
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    /** Images of {@code width x height} pixels, ids {@code prefix-0, prefix-1, ...}. */
    public ImageStream(String bootstrapServers, String prefix, int width, int height) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.prefix = prefix;
        this.width = width;
        this.height = height;
    }

    /**
     * Sends {@code perSecond} images a second for {@code duration}, evenly spaced; returns once all are acknowledged.
     */
    public void send(double perSecond, Duration duration) throws Exception {
        long interval = (long) (1_000_000_000 / perSecond);
        long start = System.nanoTime();
        long count = (long) (perSecond * duration.toNanos() / 1e9);
        for (long i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int n = sent.size();
            String id = prefix + "-" + n;
            byte[] image = TestImages.jpeg(
                    TestImages.halves(width, height, new Color(n * 37 % 256, n * 11 % 256, 90), Color.WHITE));
            producer.send(new ProducerRecord<>(Topics.IMAGES, id, image));
            sent.add(id);
        }
        producer.flush();
    }

    /** Every id sent so far. */
    public List<String> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
