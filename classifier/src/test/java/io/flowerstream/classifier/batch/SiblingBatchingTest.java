package io.flowerstream.classifier.batch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.flowerstream.classifier.batch.ClassifierOutput.Prediction;
import io.flowerstream.classifier.image.DecodingInputWriter;
import io.flowerstream.classifier.metrics.ClassifierMetrics;
import io.flowerstream.classifier.models.LoadedModel;
import io.flowerstream.classifier.models.ModelHolder;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.testsupport.TestImages;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batchers of several tasks on one stream thread, driven by hand: a batch cut by its delay takes the
 * prepared records of the other tasks, and each task forwards its own records' predictions.
 */
class SiblingBatchingTest {

    private static final Duration DELAY = Duration.ofMillis(10);
    private static final Duration TICK = BatchingProcessor.tickFor(DELAY);

    private final ModelHolder models = new ModelHolder();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ClassifierMetrics metrics = new ClassifierMetrics(() -> 1);
    private final SiblingTasks siblings = new SiblingTasks();
    private final List<Task> tasks = new ArrayList<>();

    @BeforeEach
    void loadModel() {
        DjlRuntime.engine();
        metrics.bindTo(registry);
        models.swap(new LoadedModel(1, FlowerModels.newModel(Device.cpu())));
    }

    @AfterEach
    void closeAll() {
        tasks.forEach(t -> t.processor.close());
        models.close();
    }

    /** One task: its batcher, the context that captures what it forwards, and its buffer store. */
    private final class Task {
        final int partition;
        final MockProcessorContext<byte[], ClassifierOutput> context = new MockProcessorContext<>();
        final KeyValueStore<Long, BufferedRecord> store;
        BatchingProcessor processor;

        Task(int partition, int maxBatchSize, Executor decoders) {
            this.partition = partition;
            store = Stores.keyValueStoreBuilder(
                            Stores.inMemoryKeyValueStore(BatchingProcessor.STORE),
                            Serdes.Long(),
                            BufferedRecord.serde())
                    .withLoggingDisabled()
                    .build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            start(maxBatchSize, decoders);
            tasks.add(this);
        }

        /** A fresh batcher over this task's store, as a new owner of the task would start. */
        void start(int maxBatchSize, Executor decoders) {
            BatchingResources resources =
                    new BatchingResources(models, new DecodingInputWriter(), decoders, metrics, maxBatchSize);
            processor = new BatchingProcessor(resources, siblings, DELAY, TICK);
            processor.init(context);
        }

        void send(long offset, String imageId, long nowMs) {
            context.setCurrentSystemTimeMs(nowMs);
            context.setRecordMetadata("flowers.images", partition, offset);
            processor.process(new Record<>(
                    imageId.getBytes(StandardCharsets.UTF_8),
                    TestImages.jpeg((int) offset),
                    nowMs,
                    new RecordHeaders()));
        }

        /** Runs this task's punctuators at {@code nowMs}, as the stream thread does on its turn. */
        void tick(long nowMs) {
            context.setCurrentSystemTimeMs(nowMs);
            context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(nowMs));
        }

        List<String> predictedIds() {
            return context.forwarded().stream()
                    .map(f -> f.record().value())
                    .filter(v -> v instanceof Prediction)
                    .map(v -> ((Prediction) v).event().imageId())
                    .toList();
        }

        long buffered() {
            return store.approximateNumEntries();
        }
    }

    private DistributionSummary batches() {
        return registry.find("flowers.classifier.batch.size").summary();
    }

    @Test
    void a_batch_cut_by_its_delay_takes_the_other_tasks_prepared_records_and_each_task_forwards_its_own() {
        Task a = new Task(0, 8, null);
        Task b = new Task(1, 8, null);
        a.send(0, "a-0", 0);
        a.send(1, "a-1", 0);
        b.send(0, "b-0", 2);
        b.send(1, "b-1", 2);
        b.send(2, "b-2", 2);
        assertThat(batches().count()).as("5 of 8 buffered, no delay passed").isZero();

        a.tick(DELAY.toMillis());

        assertThat(batches().count()).as("one forward pass").isEqualTo(1);
        assertThat(batches().totalAmount()).as("of both tasks' records").isEqualTo(5);
        assertThat(a.predictedIds()).containsExactly("a-0", "a-1");
        assertThat(b.predictedIds()).as("b forwards its own, on its turn").isEmpty();
        assertThat(b.buffered()).as("until then b's records stay in its store").isEqualTo(3);

        b.tick(DELAY.toMillis() + TICK.toMillis());

        assertThat(b.predictedIds()).containsExactly("b-0", "b-1", "b-2");
        assertThat(b.buffered()).isZero();
        assertThat(a.buffered()).isZero();
        assertThat(batches().count()).as("b ran no pass of its own").isEqualTo(1);
    }

    @Test
    void a_task_closed_before_its_turn_keeps_its_lent_records_for_the_next_owner() {
        Task a = new Task(0, 8, null);
        Task b = new Task(1, 8, null);
        a.send(0, "a-0", 0);
        b.send(7, "b-7", 0);
        b.send(8, "b-8", 0);
        a.tick(DELAY.toMillis());
        assertThat(batches().totalAmount()).isEqualTo(3);

        b.processor.close(); // a rebalance takes b's partition away before b forwarded anything
        assertThat(b.predictedIds()).isEmpty();
        assertThat(b.buffered()).isEqualTo(2);

        b.start(8, null); // the next owner restores the store and flushes what it holds
        b.tick(DELAY.toMillis() + TICK.toMillis());
        assertThat(b.predictedIds()).containsExactly("b-7", "b-8");
        assertThat(b.buffered()).isZero();
    }

    @Test
    void lends_only_a_prefix_of_prepared_records_so_each_partition_keeps_its_order() {
        HeldExecutor bDecoders = new HeldExecutor();
        Task a = new Task(0, 8, null);
        Task b = new Task(1, 8, bDecoders);
        a.send(0, "a-0", 0);
        b.send(0, "b-0", 0);
        bDecoders.runHeld(); // b-0 decoded
        b.send(1, "b-1", 1); // still decoding
        bDecoders.passThrough();
        b.send(2, "b-2", 1); // decoded at once, but behind b-1

        a.tick(DELAY.toMillis());

        assertThat(batches().totalAmount()).as("a-0 and b-0 only").isEqualTo(2);
        bDecoders.runHeld();
        b.tick(DELAY.toMillis() + 1);
        assertThat(b.predictedIds()).containsExactly("b-0", "b-1", "b-2");
        assertThat(batches().count()).as("b's own pass for b-1 and b-2").isEqualTo(2);
    }

    @Test
    void tasks_of_another_thread_lend_nothing() throws Exception {
        Task a = new Task(0, 8, null);
        Task[] other = new Task[1];
        Thread thread = new Thread(() -> {
            other[0] = new Task(1, 8, null);
            other[0].send(0, "b-0", 0);
        });
        thread.start();
        thread.join();
        a.send(0, "a-0", 0);

        a.tick(DELAY.toMillis());

        assertThat(batches().totalAmount()).isEqualTo(1);
        assertThat(other[0].buffered()).isEqualTo(1);
        tasks.remove(other[0]); // closed on its own thread below
        Thread closer = new Thread(() -> other[0].processor.close());
        closer.start();
        closer.join();
    }
}
