package io.flowerstream.classifier.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what Kafka Streams restores from changelogs, so that operators (and tests) can see
 * whether a restart restored a whole store or only what it missed: the counter
 * {@code flowers.classifier.state.restored.records{store}} and one log line per restored
 * partition with its record count and time. With a persistent state directory and static
 * membership a restart should add little; a full restore adds the changelog's whole length.
 */
public final class StateRestoreMeter implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(StateRestoreMeter.class);

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, AtomicLong> restoredByStore = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TopicPartition, Long> startedAt = new ConcurrentHashMap<>();

    public StateRestoreMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records restored since this meter was created, over every store. */
    public long restoredRecords() {
        return restoredByStore.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Records restored since this meter was created into {@code store}. */
    public long restoredRecords(String store) {
        AtomicLong restored = restoredByStore.get(store);
        return restored == null ? 0 : restored.get();
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        startedAt.put(partition, System.nanoTime());
        LOG.info("restoring {} from {} offsets {}..{}", store, partition, startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restoredByStore.computeIfAbsent(store, s -> new AtomicLong()).addAndGet(numRestored);
        counter(store).increment(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        Long started = startedAt.remove(partition);
        long ms = started == null ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.info("restored {} from {}: {} records in {} ms", store, partition, totalRestored, ms);
    }

    private Counter counter(String store) {
        return Counter.builder("flowers.classifier.state.restored.records")
                .description("Records Kafka Streams restored from changelogs into local state stores")
                .baseUnit("records")
                .tag("store", store)
                .register(registry);
    }
}
