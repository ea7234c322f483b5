package io.flowerstream.classifier.service;

import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether a classifier is alive, judged by its Kafka Streams client: what {@code /health/live}
 * answers. A client in ERROR (its threads died), on its way there, or stuck shutting down consumes
 * nothing and never comes back by itself, while the process and its HTTP server carry on; failing
 * liveness is what makes Kubernetes (or compose's restart policy via the probe) start a fresh one.
 * Rebalancing and a client not yet started (no model loaded) stay live: readiness covers those.
 */
public final class StreamsLiveness {

    /** The states a Kafka Streams client does not recover from on its own. */
    public static final Set<KafkaStreams.State> DEAD = EnumSet.of(
            KafkaStreams.State.ERROR,
            KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.PENDING_SHUTDOWN,
            KafkaStreams.State.NOT_RUNNING);

    private StreamsLiveness() {}

    /** Live in every state but the {@link #DEAD} ones; {@code null} (not started yet) is live. */
    public static boolean isLive(KafkaStreams.State state) {
        return state == null || !DEAD.contains(state);
    }
}
