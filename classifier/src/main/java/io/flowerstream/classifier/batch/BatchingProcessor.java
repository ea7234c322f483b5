package io.flowerstream.classifier.batch;

import io.flowerstream.classifier.batch.ClassifierOutput.DeadLetter;
import io.flowerstream.classifier.batch.ClassifierOutput.Prediction;
import io.flowerstream.classifier.image.UnclassifiableImageException;
import io.flowerstream.classifier.metrics.ClassifierMetrics;
import io.flowerstream.classifier.metrics.DeadLetterCause;
import io.flowerstream.classifier.models.LoadedModel;
import io.flowerstream.classifier.models.ModelHolder;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.events.PredictionEvent;
import io.flowerstream.contracts.topics.DeadLetters;
import io.flowerstream.contracts.topics.Headers;
import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.model.predict.FlowerScores;
import io.flowerstream.model.predict.ImageTensor;
import io.flowerstream.model.profile.InputStatistics;
import io.flowerstream.model.profile.ProfileCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triton-style dynamic batcher for one stream task (one input partition): records are gathered
 * until {@code maxBatchSize} or until the oldest has waited {@code maxBatchDelay}, then run
 * through the network as one forward pass.
 *
 * <h2>Why nothing is lost or duplicated</h2>
 * The buffer is the changelogged key-value store {@value #STORE} (key: the record's offset in
 * this task's partition; value: the whole record as received, {@link BufferedRecord}), not a
 * plain list. Under {@code exactly_once_v2} a task commits, in one Kafka transaction, its
 * consumed offsets, its store changelog writes and its output records. So:
 * <ul>
 *   <li>a record whose offset is committed is either in the committed changelog (still
 *       buffered) or its prediction/dead letter is in the committed output, and its store entry
 *       deleted in the same transaction;</li>
 *   <li>a crash aborts the open transaction: offsets, buffer writes and outputs since the last
 *       commit vanish together, the store is restored from the changelog, and the uncommitted
 *       input is read again;</li>
 *   <li>records restored into the buffer are flushed by the next punctuation, since their wait
 *       began before the crash.</li>
 * </ul>
 * The in-memory map beside the store only caches work (decode futures, arrival times); it is
 * rebuilt from the store on restore, never trusted for correctness.
 *
 * <h2>Why decoding does not delay inference</h2>
 * Each record is handed to the decode executor as it arrives, into a reusable tensor slot. A
 * full batch runs as soon as all its inputs are prepared; while some are still decoding, the
 * stream thread goes on reading records (handing them to the decoders too) instead of waiting,
 * so the decoders work on the next batches while the network runs this one. Only when a task
 * holds two full batches does it wait for the decoders, which bounds the slots and the decode
 * queue per task at {@code 2 x maxBatchSize}. A batch whose oldest record has waited
 * {@code maxBatchDelay} runs regardless, so decoding never adds to the delay bound.
 *
 * <p>Batches are per task: a task is one partition, so the number of partitions of
 * {@code flowers.images} bounds parallelism (see docs/classifier.md).
 */
public final class BatchingProcessor implements Processor<byte[], byte[], byte[], ClassifierOutput> {

    /** Name of the changelogged batch buffer store. */
    public static final String STORE = "batch-buffer";

    private static final Logger LOG = LoggerFactory.getLogger(BatchingProcessor.class);

    private final BatchingResources resources;
    private final long maxDelayMs;
    private final Duration tick;
    private final Map<Long, Pending> pending = new HashMap<>();
    private final ArrayDeque<ImageTensor> freeSlots = new ArrayDeque<>();

    private ProcessorContext<byte[], ClassifierOutput> context;
    private KeyValueStore<Long, BufferedRecord> buffer;
    private int buffered;
    private long oldestArrivalMs = -1;
    private boolean noModelLogged;

    /** A record being decoded: when it arrived (stream-thread wall clock) and its decoding. */
    private record Pending(long arrivalMs, long arrivalNanos, CompletableFuture<DecodedInput> decoding) {}

    public BatchingProcessor(BatchingResources resources, Duration maxDelay, Duration tick) {
        this.resources = resources;
        this.maxDelayMs = maxDelay.toMillis();
        this.tick = tick;
    }

    /** The punctuation interval for a delay: fine enough that a batch waits at most ~1.5x its delay. */
    public static Duration tickFor(Duration maxDelay) {
        return Duration.ofMillis(Math.max(1, Math.min(100, maxDelay.toMillis() / 2)));
    }

    @Override
    public void init(ProcessorContext<byte[], ClassifierOutput> context) {
        this.context = context;
        this.buffer = context.getStateStore(STORE);
        // Processors are initialised after restoration: what is in the store now was buffered
        // before a crash or rebalance and has waited long enough.
        try (KeyValueIterator<Long, BufferedRecord> all = buffer.all()) {
            while (all.hasNext()) {
                all.next();
                buffered++;
            }
        }
        if (buffered > 0) {
            oldestArrivalMs = 0;
            resources.metrics().buffered(buffered);
            LOG.info(
                    "task {}: {} records restored into the batch buffer; flushing them " + "first",
                    context.taskId(),
                    buffered);
        }
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::onTick);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata()
                .orElseThrow(() ->
                        new IllegalStateException("the batcher must be fed from a source topic, not a punctuator"));
        BufferedRecord entry = new BufferedRecord(
                meta.topic(),
                meta.partition(),
                meta.offset(),
                record.timestamp(),
                record.key(),
                record.value(),
                new RecordHeaders(record.headers().toArray()));
        if (buffer.get(meta.offset()) != null) {
            return; // defensive: the same offset twice within one task can only be a replay of a buffered record
        }
        buffer.put(meta.offset(), entry);
        buffered++;
        resources.metrics().buffered(1);
        pending.put(meta.offset(), startDecoding(entry));
        if (oldestArrivalMs < 0) {
            oldestArrivalMs = context.currentSystemTimeMs();
        }
        if (buffered >= resources.maxBatchSize()) {
            flush(false);
        }
    }

    private void onTick(long now) {
        if (buffered > 0 && now - oldestArrivalMs >= maxDelayMs) {
            flush(true);
        } else if (buffered >= resources.maxBatchSize()) {
            flush(false);
        }
    }

    /**
     * Runs buffered records through the network, oldest first, in batches of at most
     * maxBatchSize: all of them when {@code everything}, else only full batches whose inputs
     * are prepared (or any full batch once two are waiting).
     */
    private void flush(boolean everything) {
        try (ModelHolder.Lease lease = resources.models().acquire()) {
            if (lease == null) {
                if (!noModelLogged) {
                    noModelLogged = true;
                    LOG.warn(
                            "task {}: no model loaded; {} records stay buffered until one " + "is",
                            context.taskId(),
                            buffered);
                }
                return;
            }
            int max = resources.maxBatchSize();
            while (buffered > 0) {
                List<BufferedRecord> batch = oldest(max);
                if (!everything && (batch.size() < max || (buffered < 2 * max && !allPrepared(batch)))) {
                    break;
                }
                runBatch(batch, lease.model());
            }
        }
        // The lease is released before the buffer's age is reset: a swap waiting on this
        // batch's version can close it now.
        oldestArrivalMs = buffered == 0 ? -1 : oldestWaiting();
    }

    /** Up to {@code max} buffered records, lowest offset first. */
    private List<BufferedRecord> oldest(int max) {
        List<BufferedRecord> batch = new ArrayList<>(max);
        try (KeyValueIterator<Long, BufferedRecord> all = buffer.all()) {
            while (all.hasNext() && batch.size() < max) {
                batch.add(all.next().value);
            }
        }
        return batch;
    }

    private boolean allPrepared(List<BufferedRecord> batch) {
        for (BufferedRecord record : batch) {
            Pending p = pending.get(record.offset());
            if (p == null || !p.decoding().isDone()) {
                return false;
            }
        }
        return true;
    }

    /** When the oldest record still buffered arrived; 0 (long ago) for records restored after a crash. */
    private long oldestWaiting() {
        if (pending.size() < buffered) {
            return 0;
        }
        long oldest = Long.MAX_VALUE;
        for (Pending p : pending.values()) {
            oldest = Math.min(oldest, p.arrivalMs());
        }
        return oldest;
    }

    private void runBatch(List<BufferedRecord> records, LoadedModel model) {
        long startNanos = System.nanoTime();
        ClassifierMetrics metrics = resources.metrics();
        List<Pending> work = new ArrayList<>(records.size());
        for (BufferedRecord record : records) {
            Pending p = pending.remove(record.offset());
            // Restored records have no preparation yet: start them all before waiting on any.
            work.add(p != null ? p : startDecoding(record));
        }
        List<BufferedRecord> good = new ArrayList<>(records.size());
        List<ImageTensor> tensors = new ArrayList<>(records.size());
        List<InputStatistics> statistics = new ArrayList<>(records.size());
        List<ImageTensor> slots = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            BufferedRecord record = records.get(i);
            Pending p = work.get(i);
            // A record restored from the changelog was first buffered by another process: its wait
            // here is unknown, and its preparation started after this batch did (a negative time).
            if (p.arrivalMs() >= 0 && p.arrivalNanos() <= startNanos) {
                metrics.queueWait(startNanos - p.arrivalNanos());
            }
            DecodedInput input = await(record, p.decoding());
            slots.add(input.tensor());
            if (input.isDecoded()) {
                good.add(record);
                tensors.add(input.tensor());
                statistics.add(input.statistics());
            } else {
                deadLetter(
                        record,
                        input.rejection().deadLetterCause(),
                        input.rejection().causeClass(),
                        input.rejection().getMessage());
            }
        }
        if (!good.isEmpty()) {
            predict(good, tensors, statistics, model);
        }
        for (BufferedRecord record : records) {
            buffer.delete(record.offset());
        }
        buffered -= records.size();
        metrics.buffered(-records.size());
        slots.forEach(freeSlots::push);
    }

    private void predict(
            List<BufferedRecord> good, List<ImageTensor> tensors, List<InputStatistics> statistics, LoadedModel model) {
        ClassifierMetrics metrics = resources.metrics();
        List<FlowerScores> scores;
        long t0 = System.nanoTime();
        try {
            scores = model.predict(tensors);
        } catch (Exception | OutOfMemoryError e) {
            // Inputs were validated and decoded, so a failing forward pass is about the batch, not
            // one record: dead-letter them all (replayable) rather than kill the stream thread.
            LOG.error(
                    "task {}: forward pass of {} images on model version {} failed; dead-lettering them",
                    context.taskId(),
                    good.size(),
                    model.version(),
                    e);
            good.forEach(r ->
                    deadLetter(r, DeadLetterCause.INFERENCE_FAILED, e.getClass().getName(), e.getMessage()));
            return;
        }
        metrics.batch(good.size(), System.nanoTime() - t0);
        long now = context.currentSystemTimeMs();
        String classifiedAt = Instant.ofEpochMilli(now).toString();
        Calibration calibration = model.calibration();
        for (int i = 0; i < good.size(); i++) {
            BufferedRecord record = good.get(i);
            FlowerScores s = calibration.apply(scores.get(i));
            boolean unsure = calibration.isUnsure(s.confidence());
            long latency = Math.max(0, now - record.timestamp());
            PredictionEvent event = new PredictionEvent(
                    record.imageId(),
                    s.label(),
                    s.confidence(),
                    unsure,
                    s.asMap(),
                    model.version(),
                    classifiedAt,
                    latency);
            context.forward(new Record<>(
                    record.key(), (ClassifierOutput) new Prediction(event), record.timestamp(), new RecordHeaders()));
            metrics.prediction(s.label(), model.version(), latency, unsure);
            if (statistics.get(i) != null) {
                metrics.drift()
                        .observe(model.version(), ProfileCounts.bins(statistics.get(i), s.bestIndex(), s.confidence()));
            }
            String truth = FlowerClasses.normalise(Headers.text(record.headers(), Headers.LABEL));
            if (FlowerClasses.isValid(truth)) {
                metrics.judged(model.version(), truth.equals(s.label()), unsure, ClassifierMetrics.TruthSource.HEADER);
            }
        }
    }

    private void deadLetter(BufferedRecord record, DeadLetterCause cause, String errorClass, String message) {
        RecordHeaders headers = DeadLetters.headers(
                record.headers(),
                cause.stage(),
                cause.reason(),
                errorClass,
                message,
                record.topic(),
                record.partition(),
                record.offset());
        context.forward(new Record<>(
                record.key(), (ClassifierOutput) new DeadLetter(record.value()), record.timestamp(), headers));
        resources.metrics().deadLetter(cause);
        LOG.debug(
                "dead-lettered {} (key {}): {} {}: " + "{}",
                record.position(),
                record.imageId(),
                cause.stage(),
                cause.reason(),
                message);
    }

    private Pending startDecoding(BufferedRecord record) {
        long arrivalMs = context.currentSystemTimeMs();
        long arrivalNanos = System.nanoTime();
        ImageTensor slot = freeSlots.isEmpty() ? ImageTensor.allocate() : freeSlots.pop();
        UnclassifiableImageException invalid = validate(record);
        if (invalid != null) {
            return new Pending(
                    arrivalMs, arrivalNanos, CompletableFuture.completedFuture(DecodedInput.rejected(slot, invalid)));
        }
        if (resources.decoders() == null) {
            return new Pending(arrivalMs, arrivalNanos, CompletableFuture.completedFuture(decode(record, slot)));
        }
        return new Pending(
                arrivalMs,
                arrivalNanos,
                CompletableFuture.supplyAsync(() -> decode(record, slot), resources.decoders()));
    }

    /** Checks what needs no decoding: an image id to key the prediction by, and some bytes. */
    private static UnclassifiableImageException validate(BufferedRecord record) {
        if (record.key() == null || record.key().length == 0) {
            return new UnclassifiableImageException(
                    DeadLetterCause.NO_IMAGE_ID,
                    null,
                    "record " + record.position() + " has no key: publish each image with its image id as the key");
        }
        if (record.value() == null) {
            return new UnclassifiableImageException(
                    DeadLetterCause.NULL_VALUE,
                    null,
                    "record " + record.position() + " has a null value: publish the image file's bytes as the value");
        }
        return null;
    }

    private DecodedInput decode(BufferedRecord record, ImageTensor slot) {
        long t0 = System.nanoTime();
        try {
            InputStatistics statistics = resources
                    .inputWriter()
                    .write(record.value(), "image " + record.imageId() + " at " + record.position(), slot.writable());
            resources.metrics().preprocess(System.nanoTime() - t0);
            return DecodedInput.decoded(slot, statistics);
        } catch (UnclassifiableImageException e) {
            return DecodedInput.rejected(slot, e);
        } catch (RuntimeException | OutOfMemoryError e) {
            // A decoder bug or a hostile file that slipped past the guards: this record's problem only.
            return DecodedInput.rejected(
                    slot,
                    new UnclassifiableImageException(
                            DeadLetterCause.DECODER_ERROR,
                            e.getClass().getName(),
                            "decoding " + record.position() + " failed: " + e.getMessage()));
        }
    }

    private static DecodedInput await(BufferedRecord record, CompletableFuture<DecodedInput> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while decoding " + record.position()
                            + "; the task will be retried from its last commit",
                    e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("decoding " + record.position() + " failed unexpectedly", e.getCause());
        }
    }

    @Override
    public void close() {
        // Records still buffered stay in the store (and its changelog) for whoever owns the task next.
        pending.values().forEach(p -> p.decoding().cancel(false));
        pending.clear();
        freeSlots.clear();
        resources.metrics().buffered(-buffered);
        buffered = 0;
    }
}
