package io.flowerstream.classifier.config;

import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.DeviceDefaults;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the classifier is configured with, built once with {@link #builder} from environment
 * and flags ({@link io.flowerstream.classifier.cli.ClassifierCommand}) or by tests; the defaults are
 * the builder's.
 *
 * @param kafka             Kafka client properties ({@code KAFKA_*} passthrough and the broker address)
 * @param applicationId     Kafka Streams application id: the consumer group and the prefix of internal topics
 * @param topics            topic names
 * @param modelName         the model name in the registry and on {@code flowers.models}
 * @param model             the version to serve: pinned or an alias to follow
 * @param modelDir          a directory laid out like the registry to load models from, or null for S3
 * @param device            where inference runs
 * @param maxBatchSize      largest batch, or 0 to measure it on the first model at start
 *                          ({@link io.flowerstream.classifier.batch.BatchSizeSweep})
 * @param maxBatchDelay     longest the oldest record of a batch waits for more
 * @param commitInterval    how often Kafka Streams commits its transaction (outputs become visible then)
 * @param decodeThreads     threads decoding and preprocessing images off the inference path
 * @param streamThreads     Kafka Streams threads (each runs its tasks' batches in turn)
 * @param httpHost          address the ops endpoints listen on (127.0.0.1; 0.0.0.0 in containers)
 * @param httpPort          port of {@code /metrics} and {@code /health}, 0 for a free one
 * @param feedbackWindow    how far apart a prediction and its feedback may be to be joined
 * @param modelPollInterval how often the alias (or a pinned version not yet loaded) is checked
 * @param stateDir          Kafka Streams' state directory, or null for its default
 * @param standbyReplicas   Kafka Streams standby replicas: warm copies of each task's state on other instances
 * @param groupInstanceId   static group membership id (stable across restarts, unique per instance), or null for
 *     dynamic membership
 */
public record ClassifierConfig(
        KafkaClientConfig kafka,
        String applicationId,
        ClassifierTopics topics,
        String modelName,
        ModelSpec model,
        Path modelDir,
        DeviceChoice device,
        int maxBatchSize,
        Duration maxBatchDelay,
        Duration commitInterval,
        int decodeThreads,
        int streamThreads,
        String httpHost,
        int httpPort,
        Duration feedbackWindow,
        Duration modelPollInterval,
        Path stateDir,
        int standbyReplicas,
        String groupInstanceId) {

    /** Default Kafka Streams application id. */
    public static final String DEFAULT_APPLICATION_ID = "flowers-classifier";
    /** Default address of the ops endpoints: this machine only. */
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    /** Default port of the ops endpoints. */
    public static final int DEFAULT_HTTP_PORT = 9402;
    /** Batch size on CPU when not configured ({@link DeviceDefaults#CPU_BATCH_SIZE}, measured: docs/classifier.md). */
    public static final int CPU_BATCH_SIZE = DeviceDefaults.CPU_BATCH_SIZE;
    /**
     * Batch size on a GPU when not configured ({@link DeviceDefaults#GPU_BATCH_SIZE}: large batches are nearly free
     * there).
     */
    public static final int GPU_BATCH_SIZE = DeviceDefaults.GPU_BATCH_SIZE;
    /**
     * Default commit interval: predictions become visible at commits, so Streams' 100 ms
     * exactly-once default would dominate latency. Measured on 2 cores at half load
     * (docs/classifier.md): p99 133 ms at 50, 115 at 25, 107 at 10, throughput the same; 25
     * halves the wait without a transaction every 10 ms, which a replicated broker would feel.
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(25);

    public ClassifierConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(model, "model");
        if (maxBatchSize < 0 || maxBatchSize > 1024) {
            throw new IllegalArgumentException(
                    "max batch size " + maxBatchSize + " is out of range: use 1 to 1024, or 0 for the device default");
        }
        if (maxBatchDelay.isNegative() || maxBatchDelay.toMillis() > 60_000) {
            throw new IllegalArgumentException(
                    "max batch delay " + maxBatchDelay.toMillis() + " ms is out of range: use 0 to 60000");
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("standby replicas must be >= 0, got " + standbyReplicas);
        }
        if (groupInstanceId != null && groupInstanceId.isBlank()) {
            groupInstanceId = null;
        }
        if (decodeThreads < 0 || streamThreads < 1) {
            throw new IllegalArgumentException("decode threads must be >= 0 and stream threads >= 1, got "
                    + decodeThreads + " and " + streamThreads);
        }
    }

    /** A builder with every default, against {@code bootstrapServers}, loading models from {@code modelDir}. */
    public static Builder builder(String bootstrapServers, Path modelDir) {
        return builder(KafkaClientConfig.of(bootstrapServers), modelDir);
    }

    /** A builder with every default, with the client settings {@code kafka}, loading models from {@code modelDir}. */
    public static Builder builder(KafkaClientConfig kafka, Path modelDir) {
        return new Builder(kafka, modelDir);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(kafka, modelDir);
        b.applicationId = applicationId;
        b.topics = topics;
        b.modelName = modelName;
        b.model = model;
        b.device = device;
        b.maxBatchSize = maxBatchSize;
        b.maxBatchDelay = maxBatchDelay;
        b.commitInterval = commitInterval;
        b.decodeThreads = decodeThreads;
        b.streamThreads = streamThreads;
        b.httpHost = httpHost;
        b.httpPort = httpPort;
        b.feedbackWindow = feedbackWindow;
        b.modelPollInterval = modelPollInterval;
        b.stateDir = stateDir;
        b.standbyReplicas = standbyReplicas;
        b.groupInstanceId = groupInstanceId;
        return b;
    }

    /**
     * The batch size to use on a device: the configured one, else the device's default, which
     * the model loader warms up with and the classifier falls back on where the start-up sweep fails.
     */
    public int batchSizeFor(boolean gpu) {
        return maxBatchSize > 0 ? maxBatchSize : gpu ? GPU_BATCH_SIZE : CPU_BATCH_SIZE;
    }

    /** Builds a configuration setting by setting, from the defaults (the command, tests, the benchmark, {@code up}). */
    public static final class Builder {
        private final KafkaClientConfig kafka;
        private Path modelDir;
        private String applicationId = DEFAULT_APPLICATION_ID;
        private ClassifierTopics topics = ClassifierTopics.defaults();
        private String modelName = "flowers-cnn";
        private ModelSpec model = ModelSpec.parse(ModelSpec.DEFAULT);
        private DeviceChoice device = DeviceChoice.AUTO;
        private int maxBatchSize;
        private Duration maxBatchDelay = Duration.ofMillis(10);
        private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
        private int decodeThreads = Runtime.getRuntime().availableProcessors();
        private int streamThreads = 1;
        private String httpHost = DEFAULT_HTTP_HOST;
        private int httpPort = DEFAULT_HTTP_PORT;
        private Duration feedbackWindow = Duration.ofHours(24);
        private Duration modelPollInterval = Duration.ofSeconds(30);
        private Path stateDir;
        private int standbyReplicas;
        private String groupInstanceId;

        private Builder(KafkaClientConfig kafka, Path modelDir) {
            this.kafka = kafka;
            this.modelDir = modelDir;
        }

        public Builder applicationId(String v) {
            applicationId = v;
            return this;
        }

        public Builder topics(ClassifierTopics v) {
            topics = v;
            return this;
        }

        public Builder modelName(String v) {
            modelName = v;
            return this;
        }

        public Builder model(ModelSpec v) {
            model = v;
            return this;
        }

        public Builder modelDir(Path v) {
            modelDir = v;
            return this;
        }

        public Builder device(DeviceChoice v) {
            device = v;
            return this;
        }

        public Builder maxBatchSize(int v) {
            maxBatchSize = v;
            return this;
        }

        public Builder maxBatchDelay(Duration v) {
            maxBatchDelay = v;
            return this;
        }

        public Builder commitInterval(Duration v) {
            commitInterval = v;
            return this;
        }

        public Builder decodeThreads(int v) {
            decodeThreads = v;
            return this;
        }

        public Builder streamThreads(int v) {
            streamThreads = v;
            return this;
        }

        public Builder httpHost(String v) {
            httpHost = v;
            return this;
        }

        public Builder httpPort(int v) {
            httpPort = v;
            return this;
        }

        public Builder feedbackWindow(Duration v) {
            feedbackWindow = v;
            return this;
        }

        public Builder modelPollInterval(Duration v) {
            modelPollInterval = v;
            return this;
        }

        public Builder stateDir(Path v) {
            stateDir = v;
            return this;
        }

        public Builder standbyReplicas(int v) {
            standbyReplicas = v;
            return this;
        }

        public Builder groupInstanceId(String v) {
            groupInstanceId = v;
            return this;
        }

        public ClassifierConfig build() {
            return new ClassifierConfig(
                    kafka,
                    applicationId,
                    topics,
                    modelName,
                    model,
                    modelDir,
                    device,
                    maxBatchSize,
                    maxBatchDelay,
                    commitInterval,
                    decodeThreads,
                    streamThreads,
                    httpHost,
                    httpPort,
                    feedbackWindow,
                    modelPollInterval,
                    stateDir,
                    standbyReplicas,
                    groupInstanceId);
        }
    }
}
