package io.flowerstream.ingest.publish;

import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Producer properties for publishing images: idempotent, acknowledged by every in-sync
 * replica, sized for the largest image, and with a bounded time to give up, so an unreachable
 * broker is an error the user sees rather than a hang.
 */
public final class ProducerSettings {

    private ProducerSettings() {}

    /**
     * Properties on top of {@code kafka}'s ({@code KAFKA_*} passthrough and the broker address);
     * {@code giveUpAfter} bounds both the wait for metadata and the whole delivery of a record.
     */
    public static Properties forImages(KafkaClientConfig kafka, Duration giveUpAfter, String clientId) {
        return forImages(kafka, giveUpAfter, clientId, Duration.ofMillis(5));
    }

    /**
     * As {@link #forImages(KafkaClientConfig, Duration, String)} with a chosen {@code linger.ms}:
     * a push sends many records at once and gains from a short linger; an HTTP request waits for
     * its own acknowledgement, so lingering only adds to its latency.
     */
    public static Properties forImages(
            KafkaClientConfig kafka, Duration giveUpAfter, String clientId, Duration linger) {
        Properties props = kafka.toProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // The broker's default request limit is 1 MiB; images go up to ImageLimits' 10 MiB.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        // JPEG and PNG are already compressed: compressing again costs CPU and saves nothing.
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        // Photos are tens of KiB; the default 16 KiB batch would send every image on its own.
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(1024 * 1024));
        props.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(linger.toMillis()));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024));
        long ms = giveUpAfter.toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(ms));
        // delivery.timeout.ms must be at least linger.ms + request.timeout.ms.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(1000, ms / 2)));
        props.put(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                String.valueOf(Math.max(1000, ms / 2) + linger.toMillis() + ms / 2));
        return props;
    }

    /** A producer for pushes of many files: 5 ms linger. */
    public static Producer<String, byte[]> newProducer(KafkaClientConfig kafka, Duration giveUpAfter, String clientId) {
        return new KafkaProducer<>(forImages(kafka, giveUpAfter, clientId));
    }

    /** A producer for one-image requests that each wait for their acknowledgement: no linger. */
    public static Producer<String, byte[]> newRequestProducer(
            KafkaClientConfig kafka, Duration giveUpAfter, String clientId) {
        return new KafkaProducer<>(forImages(kafka, giveUpAfter, clientId, Duration.ZERO));
    }
}
