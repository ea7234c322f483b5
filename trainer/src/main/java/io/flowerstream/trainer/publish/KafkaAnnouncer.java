package io.flowerstream.trainer.publish;

import io.flowerstream.contracts.events.ModelAnnouncement;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes {@link ModelAnnouncement}s on {@code flowers.models}, keyed by model name (the topic is
 * compacted, so the latest announcement per model is what a starting classifier reads).
 */
public final class KafkaAnnouncer implements Announcer {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public KafkaAnnouncer(KafkaClientConfig config, String topic) {
        Properties props = config.toProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // Retries after a lost acknowledgement must not write the announcement twice.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "flowerstream-trainer");
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
    }

    /** An announcer on the default topic {@value Topics#MODELS}. */
    public KafkaAnnouncer(KafkaClientConfig config) {
        this(config, Topics.MODELS);
    }

    @Override
    public void announce(ModelAnnouncement announcement) throws Exception {
        producer.send(announcement.toRecord(topic)).get(90, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
