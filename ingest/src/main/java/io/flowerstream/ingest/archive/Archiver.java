package io.flowerstream.ingest.archive;

import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.ids.ImageId;
import io.flowerstream.contracts.storage.ArchiveKey;
import io.flowerstream.contracts.topics.DeadLetters;
import io.flowerstream.contracts.topics.Headers;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.ingest.check.ImageCheck;
import io.flowerstream.ingest.check.Verdict;
import io.flowerstream.model.image.ImageRejectedException;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies labelled images from the images topic into the bucket at
 * {@code images/<label>/<sha256>.<ext>}. Offsets are committed only after every object and dead
 * letter of a batch is stored, so a crash replays (and rewrites the same keys) rather than loses;
 * a batch that fails is read again after a pause. Runs on a thread of its own between
 * {@link #start()} and {@link #close()}.
 */
public final class Archiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);

    /** The {@code error.stage} of the archiver's dead letters. */
    public static final String STAGE = "archive";
    /** Skip reason of a record without a {@code label} header: an image to classify, not to train on. */
    public static final String UNLABELLED = "unlabelled";
    /** Skip reason of an image whose object exists: a replay or a second push. */
    public static final String ALREADY_STORED = "already_stored";
    /** Reason of a record whose label is not a flower class. */
    public static final String UNKNOWN_LABEL = "unknown_label";

    private final KafkaClientConfig kafka;
    private final ArchiverSettings settings;
    private final ImageArchive archive;
    private final ImageCheck check;
    private final ArchiverMetrics metrics;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;

    public Archiver(
            KafkaClientConfig kafka,
            ArchiverSettings settings,
            ImageArchive archive,
            ImageCheck check,
            ArchiverMetrics metrics) {
        this.kafka = kafka;
        this.settings = settings;
        this.archive = archive;
        this.check = check;
        this.metrics = metrics;
    }

    /** Creates the bucket if needed, then starts consuming on a thread of its own. */
    public synchronized Archiver start() throws Exception {
        if (thread != null) {
            throw new IllegalStateException("the archiver is already started");
        }
        archive.ensureBucket();
        consumer = new KafkaConsumer<>(consumerProperties());
        running = true;
        thread = new Thread(this::run, "ingest-archiver");
        thread.start();
        return this;
    }

    private void run() {
        try (Consumer<String, byte[]> c = consumer;
                Producer<String, byte[]> deadLetters = new KafkaProducer<>(producerProperties())) {
            c.subscribe(List.of(settings.imagesTopic()));
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                updateLag(c);
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    store(records, deadLetters);
                    c.commitSync(nextOffsets(records));
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.warn(
                            "archiving a batch of {} records failed ({}); reading it again in {} " + "s",
                            records.count(),
                            e.toString(),
                            settings.retryBackoff().toSeconds());
                    rewind(c, records);
                    if (stopped.await(settings.retryBackoff().toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer: the batch in hand was not committed and will be read again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error(
                    "the archiver stopped on an unexpected error; uncommitted records will be read again on restart",
                    e);
        }
    }

    private void store(ConsumerRecords<String, byte[]> records, Producer<String, byte[]> deadLetters) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String label = Headers.text(record.headers(), Headers.LABEL);
            if (label == null) {
                metrics.skipped(UNLABELLED);
                continue;
            }
            if (!FlowerClasses.isValid(label)) {
                sent.add(deadLetters.send(DeadLetters.of(
                        record,
                        settings.deadLetterTopic(),
                        STAGE,
                        UNKNOWN_LABEL,
                        IllegalArgumentException.class.getName(),
                        "label is not one of " + String.join(", ", FlowerClasses.NAMES))));
                metrics.skipped(UNKNOWN_LABEL);
                continue;
            }
            byte[] bytes = record.value() == null ? new byte[0] : record.value();
            Verdict verdict =
                    check.check(bytes, settings.imagesTopic() + "-" + record.partition() + "@" + record.offset());
            if (verdict instanceof Verdict.Rejected rejected) {
                sent.add(deadLetters.send(DeadLetters.of(
                        record,
                        settings.deadLetterTopic(),
                        STAGE,
                        rejected.reason(),
                        ImageRejectedException.class.getName(),
                        rejected.message())));
                metrics.skipped(rejected.reason());
                continue;
            }
            Verdict.Accepted accepted = (Verdict.Accepted) verdict;
            String key = ArchiveKey.of(label, ImageId.of(bytes), accepted.extension());
            if (archive.contains(key)) {
                metrics.skipped(ALREADY_STORED);
                continue;
            }
            archive.put(key, bytes, accepted.contentType());
            metrics.archived();
        }
        for (Future<RecordMetadata> letter : sent) {
            // A dead letter must be stored before the offset that it replaces is committed.
            letter.get(30, TimeUnit.SECONDS);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            offsets.put(
                    partition,
                    new OffsetAndMetadata(
                            inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private static void rewind(Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private void updateLag(Consumer<String, byte[]> c) {
        long total = 0;
        for (TopicPartition partition : c.assignment()) {
            OptionalLong lag = c.currentLag(partition);
            total += lag.orElse(0);
        }
        metrics.lag(total);
    }

    private Properties consumerProperties() {
        Properties props = kafka.toProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "flowerstream-archiver");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // Offsets are committed by hand once a batch is stored: never before.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A new group archives what the topic already holds.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Bounds the images held at once: 50 at up to 10 MiB each.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        return props;
    }

    private Properties producerProperties() {
        Properties props = kafka.toProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "flowerstream-archiver-dlq");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        return props;
    }

    /** Stops consuming; the batch in progress, if any, is left uncommitted and read again by the next instance. */
    @Override
    public void close() {
        Thread worker;
        synchronized (this) {
            worker = thread;
            thread = null;
        }
        if (worker == null) {
            return;
        }
        running = false;
        stopped.countDown();
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
