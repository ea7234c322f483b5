package io.flowerstream.reliability.support;

import io.flowerstream.contracts.events.PredictionEvent;
import io.flowerstream.contracts.topics.Headers;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.testsupport.TopicRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the pipeline committed: every prediction and dead letter a {@code read_committed} reader
 * ({@link TopicRecords}) sees, by image id (the record key), from the beginning of both topics.
 * Not thread-safe: one test thread calls {@link #poll()}.
 */
public final class PipelineOutput implements AutoCloseable {

    /** A dead letter: its stage and reason headers. */
    public record DeadLetter(String stage, String reason) {}

    private final TopicRecords records;
    private final Map<String, List<PredictionEvent>> predictions = new ConcurrentHashMap<>();
    private final Map<String, List<DeadLetter>> deadLetters = new ConcurrentHashMap<>();

    public PipelineOutput(String bootstrapServers) {
        records = TopicRecords.follow(bootstrapServers, Topics.PREDICTIONS, Topics.IMAGES_DLQ);
    }

    /** Reads what has arrived for up to 200 ms. */
    public PipelineOutput poll() {
        for (ConsumerRecord<String, byte[]> r : records.poll()) {
            if (r.topic().equals(Topics.PREDICTIONS)) {
                PredictionEvent event = PredictionEvent.fromJson(r.value());
                predictions
                        .computeIfAbsent(event.imageId(), k -> new ArrayList<>())
                        .add(event);
            } else {
                deadLetters
                        .computeIfAbsent(String.valueOf(r.key()), k -> new ArrayList<>())
                        .add(new DeadLetter(
                                Headers.text(r.headers(), Headers.ERROR_STAGE),
                                Headers.text(r.headers(), Headers.ERROR_REASON)));
            }
        }
        return this;
    }

    /** Predictions by image id. */
    public Map<String, List<PredictionEvent>> predictions() {
        return predictions;
    }

    /** Dead letters by image id (record key). */
    public Map<String, List<DeadLetter>> deadLetters() {
        return deadLetters;
    }

    /** Predictions in all. */
    public int predictionCount() {
        return predictions.values().stream().mapToInt(List::size).sum();
    }

    /** Ids with more than one prediction, and how many each has: empty when nothing was duplicated. */
    public Map<String, Integer> duplicatedPredictions() {
        Map<String, Integer> twice = new TreeMap<>();
        predictions.forEach((id, list) -> {
            if (list.size() > 1) {
                twice.put(id, list.size());
            }
        });
        return twice;
    }

    @Override
    public void close() {
        records.close();
    }
}
