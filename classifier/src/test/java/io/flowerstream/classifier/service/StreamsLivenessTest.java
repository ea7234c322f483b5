package io.flowerstream.classifier.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.platform.ops.OpsServer;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.testsupport.Eventually;
import io.flowerstream.testsupport.Http;
import io.flowerstream.testsupport.junit.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health/live} follows the Kafka Streams client: a real client on an embedded broker is live
 * while RUNNING, and fails liveness once a stream thread's error has taken it to ERROR, so that
 * Kubernetes restarts the pod. Readiness is not this class's business.
 */
class StreamsLivenessTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path stateDir;

    @Test
    void a_classifier_whose_streams_client_is_in_error_fails_liveness_with_503() throws Exception {
        KAFKA.kafka().createTopic("liveness.in", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("liveness.in").foreach((k, v) -> {
            throw new IllegalStateException("a stream thread that dies for good");
        });
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "liveness-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
                OpsServer ops = new OpsServer(
                                ServiceMetrics.newRegistry("test"),
                                () -> true,
                                () -> StreamsLiveness.isLive(streams.state()))
                        .start("127.0.0.1", 0)) {
            // Shutting the client down on an error is what leaves it in ERROR for good.
            streams.setUncaughtExceptionHandler(
                    e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
            streams.start();
            awaitState(streams, KafkaStreams.State.RUNNING);
            assertThat(status(ops.address() + "/health/live")).isEqualTo(200);

            publishOneRecord("liveness.in");
            awaitState(streams, KafkaStreams.State.ERROR);

            assertThat(status(ops.address() + "/health/live")).isEqualTo(503);
            assertThat(status(ops.address() + "/health/ready"))
                    .as("readiness is not liveness's business")
                    .isEqualTo(200);
        }
    }

    @Test
    void every_state_but_the_dead_ones_is_live() {
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            boolean dead = state == KafkaStreams.State.ERROR
                    || state == KafkaStreams.State.PENDING_ERROR
                    || state == KafkaStreams.State.PENDING_SHUTDOWN
                    || state == KafkaStreams.State.NOT_RUNNING;
            assertThat(StreamsLiveness.isLive(state)).as(state.name()).isEqualTo(!dead);
        }
        assertThat(StreamsLiveness.isLive(null))
                .as("not started yet: waiting for a model")
                .isTrue();
    }

    private static void publishOneRecord(String topic) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8), new byte[] {1}))
                    .get();
        }
    }

    private static void awaitState(KafkaStreams streams, KafkaStreams.State wanted) throws InterruptedException {
        Eventually.await(
                Duration.ofSeconds(60),
                () -> streams.state() == wanted,
                () -> "Kafka Streams to reach " + wanted + " (now " + streams.state() + ")");
    }

    private static int status(String url) throws Exception {
        return Http.get(url).statusCode();
    }
}
