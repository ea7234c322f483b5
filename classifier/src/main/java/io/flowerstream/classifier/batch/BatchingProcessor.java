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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
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
 * <h2>Why a batch can hold several partitions' records</h2>
 * A task is one partition and has its own buffer, but one stream thread runs many tasks and one
 * forward pass at a time. A batch cut short by its delay takes the prepared records of the thread's
 * other tasks ({@link SiblingTasks}) up to {@code maxBatchSize}, oldest first within each: at a
 * moderate rate over many partitions that is one pass of several images instead of several passes
 * of one. Each task still owns its records: a lent record stays in its owner's store, and its
 * prediction (or dead letter) is forwarded and the entry deleted by the owner, in the owner's
 * context, at its next record or tick (within {@code tick}). A task closed before that forwards
 * nothing and keeps the record in its store, for whoever owns the task next.
 */
public final class BatchingProcessor implements Processor<byte[], byte[], byte[], ClassifierOutput> {

    /** Name of the changelogged batch buffer store. */
    public static final String STORE = "batch-buffer";

    private static final Logger LOG = LoggerFactory.getLogger(BatchingProcessor.class);

    private final BatchingResources resources;
    private final long maxDelayMs;
    private final Duration tick;
    private final SiblingTasks siblings;
    private final Map<Long, Pending> pending = new HashMap<>();
    /** This task's records classified in a sibling's batch, in offset order, not yet forwarded. */
    private final Map<Long, LentOutcome> lentOutcomes = new LinkedHashMap<>();

    private final ArrayDeque<ImageTensor> freeSlots = new ArrayDeque<>();

    private ProcessorContext<byte[], ClassifierOutput> context;
    private KeyValueStore<Long, BufferedRecord> buffer;
    private int buffered;
    private long oldestArrivalMs = -1;
    private boolean noModelLogged;

    /** A record being decoded: when it arrived (stream-thread wall clock) and its decoding. */
    private record Pending(long arrivalMs, long arrivalNanos, CompletableFuture<DecodedInput> decoding) {}

    /** A prepared record lent to a sibling's batch: the task that owns it, the record, its network input. */
    record Loan(BatchingProcessor owner, BufferedRecord record, DecodedInput input, long arrivalNanos) {}

    /** What a sibling's batch made of a lent record: its calibrated scores, or the forward pass's failure. */
    private record LentOutcome(
            BufferedRecord record,
            FlowerScores scores,
            boolean unsure,
            int version,
            InputStatistics statistics,
            Throwable failure) {}

    public BatchingProcessor(BatchingResources resources, SiblingTasks siblings, Duration maxDelay, Duration tick) {
        this.resources = resources;
        this.siblings = siblings;
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
        siblings.join(this);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        forwardLentOutcomes();
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
        forwardLentOutcomes();
        if (buffered > 0 && now - oldestArrivalMs >= maxDelayMs) {
            flush(true);
        } else if (buffered >= resources.maxBatchSize()) {
            flush(false);
        }
    }

    /**
     * Runs buffered records through the network, oldest first, in batches of at most
     * maxBatchSize: all of them when {@code everything}, else only full batches whose inputs
     * are prepared (or any full batch once two are waiting). Its callers, {@code process} and the
     * tick, have forwarded this task's lent outcomes first, so every buffered record is its own to run.
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
                // A partial batch (cut by the delay) has room for the thread's other tasks' records.
                List<Loan> loans = batch.size() < max ? borrow(max - batch.size()) : List.of();
                runBatch(batch, loans, lease.model());
            }
        }
        // The lease is released before the buffer's age is reset: a swap waiting on this
        // batch's version can close it now.
        oldestArrivalMs = buffered == 0 ? -1 : oldestWaiting();
    }

    /** Up to {@code room} prepared records from the thread's other tasks. */
    private List<Loan> borrow(int room) {
        List<Loan> loans = new ArrayList<>();
        for (BatchingProcessor sibling : siblings.othersThan(this)) {
            if (loans.size() >= room) {
                break;
            }
            loans.addAll(sibling.lend(room - loans.size()));
        }
        return loans;
    }

    /**
     * Lends up to {@code max} of this task's oldest buffered records to a sibling's batch, in offset
     * order, stopping at the first that is not yet decoded (or was rejected, or was restored after a
     * crash): those this task runs itself, and its predictions keep their partition's order.
     */
    List<Loan> lend(int max) {
        List<Loan> loans = new ArrayList<>();
        if (pending.isEmpty()) {
            return loans;
        }
        try (KeyValueIterator<Long, BufferedRecord> all = buffer.all()) {
            while (all.hasNext() && loans.size() < max) {
                KeyValue<Long, BufferedRecord> entry = all.next();
                if (lentOutcomes.containsKey(entry.key)) {
                    continue;
                }
                Pending p = pending.get(entry.key);
                // null while decoding; a decode that threw (an Error the decoder does not catch) is left to this task
                DecodedInput input = p == null || p.decoding().isCompletedExceptionally()
                        ? null
                        : p.decoding().getNow(null);
                if (input == null || !input.isDecoded()) {
                    break;
                }
                pending.remove(entry.key);
                loans.add(new Loan(this, entry.value, input, p.arrivalNanos()));
            }
        }
        return loans;
    }

    /** Takes back a lent record's slot and what the sibling's batch made of it, to forward on this task's turn. */
    private void settle(Loan loan, LentOutcome outcome) {
        lentOutcomes.put(loan.record().offset(), outcome);
        freeSlots.push(loan.input().tensor());
    }

    /** Forwards what siblings' batches made of this task's lent records and drops them from the buffer. */
    private void forwardLentOutcomes() {
        if (lentOutcomes.isEmpty()) {
            return;
        }
        long now = context.currentSystemTimeMs();
        for (LentOutcome o : lentOutcomes.values()) {
            if (o.failure() == null) {
                forwardPrediction(o.record(), o.scores(), o.unsure(), o.version(), o.statistics(), now);
            } else {
                deadLetter(
                        o.record(),
                        DeadLetterCause.INFERENCE_FAILED,
                        o.failure().getClass().getName(),
                        o.failure().getMessage());
            }
            buffer.delete(o.record().offset());
        }
        buffered -= lentOutcomes.size();
        resources.metrics().buffered(-lentOutcomes.size());
        lentOutcomes.clear();
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
        if (pending.size() + lentOutcomes.size() < buffered) {
            return 0;
        }
        long oldest = Long.MAX_VALUE;
        for (Pending p : pending.values()) {
            oldest = Math.min(oldest, p.arrivalMs());
        }
        return oldest;
    }

    private void runBatch(List<BufferedRecord> records, List<Loan> loans, LoadedModel model) {
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
        for (Loan loan : loans) {
            if (loan.arrivalNanos() <= startNanos) {
                metrics.queueWait(startNanos - loan.arrivalNanos());
            }
            tensors.add(loan.input().tensor());
            statistics.add(loan.input().statistics());
        }
        if (!tensors.isEmpty()) {
            predict(good, loans, tensors, statistics, model);
        }
        for (BufferedRecord record : records) {
            buffer.delete(record.offset());
        }
        buffered -= records.size();
        metrics.buffered(-records.size());
        slots.forEach(freeSlots::push);
    }

    /**
     * One forward pass over this task's decoded records followed by the lent ones ({@code tensors} and
     * {@code statistics} in that order): this task's predictions are forwarded now, the lent ones
     * handed back to their owners.
     */
    private void predict(
            List<BufferedRecord> good,
            List<Loan> loans,
            List<ImageTensor> tensors,
            List<InputStatistics> statistics,
            LoadedModel model) {
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
                    tensors.size(),
                    model.version(),
                    e);
            good.forEach(r ->
                    deadLetter(r, DeadLetterCause.INFERENCE_FAILED, e.getClass().getName(), e.getMessage()));
            loans.forEach(l -> l.owner().settle(l, new LentOutcome(l.record(), null, false, model.version(), null, e)));
            return;
        }
        metrics.batch(tensors.size(), System.nanoTime() - t0);
        long now = context.currentSystemTimeMs();
        Calibration calibration = model.calibration();
        for (int i = 0; i < tensors.size(); i++) {
            FlowerScores s = calibration.apply(scores.get(i));
            boolean unsure = calibration.isUnsure(s.confidence());
            if (i < good.size()) {
                forwardPrediction(good.get(i), s, unsure, model.version(), statistics.get(i), now);
            } else {
                Loan loan = loans.get(i - good.size());
                loan.owner()
                        .settle(
                                loan,
                                new LentOutcome(loan.record(), s, unsure, model.version(), statistics.get(i), null));
            }
        }
    }

    /** Forwards one record's prediction and counts it. */
    private void forwardPrediction(
            BufferedRecord record, FlowerScores s, boolean unsure, int version, InputStatistics statistics, long now) {
        ClassifierMetrics metrics = resources.metrics();
        long latency = Math.max(0, now - record.timestamp());
        PredictionEvent event = new PredictionEvent(
                record.imageId(),
                s.label(),
                s.confidence(),
                unsure,
                s.asMap(),
                version,
                Instant.ofEpochMilli(now).toString(),
                latency);
        context.forward(new Record<>(
                record.key(), (ClassifierOutput) new Prediction(event), record.timestamp(), new RecordHeaders()));
        metrics.prediction(s.label(), version, latency, unsure);
        if (statistics != null) {
            metrics.drift().observe(version, ProfileCounts.bins(statistics, s.bestIndex(), s.confidence()));
        }
        String truth = FlowerClasses.normalise(Headers.text(record.headers(), Headers.LABEL));
        if (FlowerClasses.isValid(truth)) {
            metrics.judged(version, truth.equals(s.label()), unsure, ClassifierMetrics.TruthSource.HEADER);
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
        // Records still buffered stay in the store (and its changelog) for whoever owns the task next,
        // lent ones whose outcome was not yet forwarded among them.
        siblings.leave(this);
        lentOutcomes.clear();
        pending.values().forEach(p -> p.decoding().cancel(false));
        pending.clear();
        freeSlots.clear();
        resources.metrics().buffered(-buffered);
        buffered = 0;
    }
}
