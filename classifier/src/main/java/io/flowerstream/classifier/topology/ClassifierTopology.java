package io.flowerstream.classifier.topology;

import io.flowerstream.classifier.batch.BatchingProcessor;
import io.flowerstream.classifier.batch.BatchingResources;
import io.flowerstream.classifier.batch.BufferedRecord;
import io.flowerstream.classifier.batch.ClassifierOutput;
import io.flowerstream.classifier.batch.SiblingTasks;
import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.config.ClassifierTopics;
import io.flowerstream.classifier.metrics.ClassifierMetrics;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.events.PredictionEvent;
import io.flowerstream.contracts.topics.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.state.Stores;

/**
 * The classifier's Kafka Streams topology and its configuration.
 *
 * <pre>
 * flowers.images ──► batcher (dynamic batching, store batch-buffer) ──┬─► flowers.predictions
 *                                                                     └─► flowers.images.dlq
 * flowers.predictions ─┐
 *                      ├─► join by image id within the feedback window ─► online accuracy counters
 * flowers.feedback ────┘
 * </pre>
 *
 * The join reads predictions back from their topic rather than from the batcher: the batcher's
 * output key is the raw image id, and a processor's output would force a repartition topic
 * before a join; the predictions topic is already keyed by image id and co-partitioned with
 * {@code flowers.feedback} (same partition count, default partitioner), so the join needs none.
 */
public final class ClassifierTopology {

    /** Window store name of the join's prediction side. */
    public static final String JOIN_STORE = "predictions-feedback-join";

    private ClassifierTopology() {}

    /** Builds the topology; the models, decoders and meters are shared through {@code resources}. */
    public static Topology buildTopology(ClassifierConfig config, BatchingResources resources) {
        ClassifierTopics topics = config.topics();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(BatchingProcessor.STORE), Serdes.Long(), BufferedRecord.serde())
                // Changelogged (the default, spelled out): the buffer must survive a crash. Each entry
                // holds a whole image, so the changelog takes records as large as the images topic
                // does; at the broker's 1 MiB default a larger photo would fail every commit of its task.
                .withLoggingEnabled(java.util.Map.of(
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES))));

        Duration delay = config.maxBatchDelay();
        // One per topology: each stream thread's batchers find their siblings through it.
        SiblingTasks siblings = new SiblingTasks();
        KStream<byte[], ClassifierOutput> classified = builder.stream(
                        topics.images(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("images"))
                .process(
                        () -> new BatchingProcessor(resources, siblings, delay, BatchingProcessor.tickFor(delay)),
                        Named.as("batcher"),
                        BatchingProcessor.STORE);
        classified
                .filter((id, out) -> out instanceof ClassifierOutput.Prediction, Named.as("predictions-only"))
                .mapValues(out -> ((ClassifierOutput.Prediction) out).event().toJson(), Named.as("prediction-json"))
                .to(
                        topics.predictions(),
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("predictions-out"));
        // A shadow canary publishes no dead letters (the batcher has counted and logged them): the
        // stable classifier dead-letters the same records, once (DeadLetterPolicy).
        if (topics.publishesDeadLetters()) {
            classified
                    .filter((id, out) -> out instanceof ClassifierOutput.DeadLetter, Named.as("dead-letters-only"))
                    .mapValues(out -> ((ClassifierOutput.DeadLetter) out).value(), Named.as("dead-letter-value"))
                    .to(
                            topics.deadLetters(),
                            Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                                    .withName("dead-letters-out"));
        }

        addFeedbackJoin(builder, config, resources.metrics());
        return builder.build();
    }

    private static void addFeedbackJoin(StreamsBuilder builder, ClassifierConfig config, ClassifierMetrics metrics) {
        ClassifierTopics topics = config.topics();
        Serde<PredictionEvent> predictionSerde = predictionSerde();
        KStream<String, PredictionEvent> predictions = builder.stream(
                topics.predictions(),
                Consumed.with(Serdes.String(), predictionSerde).withName("predictions-in"));
        KStream<String, String> feedback = builder.stream(
                        topics.feedback(),
                        Consumed.with(Serdes.String(), Serdes.String()).withName("feedback-in"))
                .mapValues(FlowerClasses::normalise, Named.as("feedback-normalise"))
                .filter((id, label) -> FlowerClasses.isValid(label), Named.as("feedback-valid"));
        predictions
                .filter((id, p) -> p != null, Named.as("predictions-present"))
                .join(
                        feedback,
                        (p, truth) -> new Judgement(p.modelVersion(), p.label().equals(truth), p.unsure()),
                        JoinWindows.ofTimeDifferenceWithNoGrace(config.feedbackWindow()),
                        StreamJoined.with(Serdes.String(), predictionSerde, Serdes.String())
                                .withStoreName(JOIN_STORE)
                                .withName("feedback-join"))
                .foreach(
                        (id, j) -> metrics.judged(
                                j.version(), j.correct(), j.unsure(), ClassifierMetrics.TruthSource.FEEDBACK),
                        Named.as("count-feedback"));
    }

    /** A prediction compared with its truth. */
    private record Judgement(int version, boolean correct, boolean unsure) {}

    /** JSON serde of predictions, as on the topic. */
    public static Serde<PredictionEvent> predictionSerde() {
        return Serdes.serdeFrom(
                (topic, p) -> p == null ? null : p.toJson(),
                (topic, bytes) -> bytes == null ? null : PredictionEvent.fromJson(bytes));
    }

    /**
     * The Streams configuration: exactly-once, the dead-letter handlers, and polling fine
     * enough for the batch delay. Each entry that is not the library's default says why.
     */
    public static Properties streamsConfig(ClassifierConfig config, int maxBatchSize, ClassifierMetrics metrics) {
        Properties props = config.kafka().toProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        // Outputs, buffer changelog and input offsets commit in one transaction: see BatchingProcessor.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Deserialization.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class);
        // The topology has no global store; this only takes Streams 5.0's default now, which also
        // silences the start-up WARN printed for every application that sets a processing handler.
        // Streams checks it twice: in the application's config and in the partition assignor's,
        // which is built from the main consumer's, hence the second, prefixed copy.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(
                StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                true);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Production.class);
        props.put(
                DeadLetterHandlers.DLQ_TOPIC_CONFIG,
                config.topics().publishesDeadLetters() ? config.topics().deadLetters() : DeadLetterHandlers.NO_TOPIC);
        props.put(DeadLetterHandlers.METRICS_CONFIG, metrics);
        // The default 100 ms poll would make the wall-clock punctuator, and so the batch delay, that coarse.
        props.put(
                StreamsConfig.POLL_MS_CONFIG,
                BatchingProcessor.tickFor(config.maxBatchDelay()).toMillis());
        // A prediction is visible to read_committed readers only once its transaction commits:
        // the commit interval adds to end-to-end latency (default 100 ms under exactly-once).
        props.put(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        // Bound memory under a burst: images are up to 10 MiB, the default buffers 1,000 per partition.
        props.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, Math.max(16, 4 * maxBatchSize));
        // Dead letters carry whole images, up to the image topics' max.message.bytes.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.MAX_MESSAGE_BYTES);
        props.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                Topics.MAX_MESSAGE_BYTES);
        if (config.stateDir() != null) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        }
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        if (config.groupInstanceId() != null) {
            // Static membership: Streams gives each thread's consumer "<id>-<thread>"; a restart within the
            // session timeout keeps the assignment, and with the state on a persistent volume restores nothing.
            props.put(
                    StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                    config.groupInstanceId());
        }
        return props;
    }
}
