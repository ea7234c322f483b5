package io.flowerstream.model.cli;

import io.flowerstream.contracts.events.ModelAnnouncement;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Announces an alias move on the models topic ({@code flowers.models}) the way the trainer announces a new version:
 * keyed by model name, the JSON of {@link ModelAnnouncement}. Running classifiers that follow the
 * alias re-read it from the registry at once instead of at their next poll.
 */
final class ModelAnnouncer {

    private ModelAnnouncer() {}

    /** Sends {@code announcement} on {@code topic} and waits for the broker's acknowledgement. */
    static void announce(KafkaClientConfig kafka, String topic, ModelAnnouncement announcement, Duration timeout) {
        Properties props = kafka.toProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "flowerstream-model-cli");
        // Fail within the timeout when the broker is unreachable, rather than block for a minute.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(timeout.toMillis(), 1_000)));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(timeout.toMillis() - 1, 500)));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(announcement.toRecord(topic)).get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "the alias moved in the registry, but announcing it on " + topic
                            + " via " + kafka.bootstrapServers() + " failed (" + cause.getMessage()
                            + "): classifiers pick the change up at their next registry poll (MODEL_POLL_SECONDS); "
                            + "check KAFKA_BOOTSTRAP_SERVERS",
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while announcing on " + topic, e);
        }
    }
}
