package io.flowerstream.classifier.service;

import ai.djl.Device;
import io.flowerstream.classifier.batch.BatchSizeChoice;
import io.flowerstream.classifier.batch.BatchSizeSweep;
import io.flowerstream.classifier.batch.BatchingResources;
import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.image.ImageInputWriter;
import io.flowerstream.classifier.metrics.ClassifierMetrics;
import io.flowerstream.classifier.metrics.StateRestoreMeter;
import io.flowerstream.classifier.models.AnnouncementListener;
import io.flowerstream.classifier.models.ModelHolder;
import io.flowerstream.classifier.models.ModelLoader;
import io.flowerstream.classifier.models.ModelManager;
import io.flowerstream.classifier.models.ModelSource;
import io.flowerstream.classifier.topology.ClassifierTopology;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.platform.ops.OpsServer;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running classifier: model management, the ops endpoints, and Kafka Streams, which starts
 * only once a model is loaded (with none it stays up, not ready, and consumes nothing).
 * Built by {@link #create}, started by {@link #start()}, stopped by {@link #close()}.
 */
public final class ClassifierService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierService.class);

    private final ClassifierConfig config;
    private final ModelSource source;
    private final ImageInputWriter inputWriter;
    private final PrometheusMeterRegistry registry;
    private final ModelHolder models = new ModelHolder();
    private final ClassifierMetrics metrics;
    private final StateRestoreMeter restores;
    private ExecutorService decoders;
    private ModelManager manager;
    private AnnouncementListener announcements;
    private OpsServer ops;
    private final Object lifecycle = new Object();
    private volatile KafkaStreams streams;
    private volatile int servingBatchSize;
    private boolean closed;

    private ClassifierService(
            ClassifierConfig config,
            ModelSource source,
            ImageInputWriter inputWriter,
            PrometheusMeterRegistry registry) {
        this.config = config;
        this.source = source;
        this.inputWriter = inputWriter;
        this.registry = registry;
        this.metrics = new ClassifierMetrics(() -> models.servingVersion().orElse(0));
        metrics.bindTo(registry);
        this.restores = new StateRestoreMeter(registry);
    }

    /** An application over {@code source} and {@code inputWriter}, reporting to {@code registry}; not started. */
    public static ClassifierService create(
            ClassifierConfig config,
            ModelSource source,
            ImageInputWriter inputWriter,
            PrometheusMeterRegistry registry) {
        return new ClassifierService(config, source, inputWriter, registry);
    }

    /** Starts the ops server and model management; Kafka Streams follows the first model. */
    public ClassifierService start() {
        Device device = config.device().resolve(DjlRuntime.engine());
        int batchSize = config.batchSizeFor(device.isGpu());
        LOG.info(
                "classifier {} serving {} from {}, batches of up to {} within {} ms on {}; kafka {}",
                config.applicationId(),
                config.model(),
                source.describe(),
                config.maxBatchSize() > 0 ? batchSize : "(measured on the first model)",
                config.maxBatchDelay().toMillis(),
                device,
                config.kafka());
        AtomicInteger n = new AtomicInteger();
        decoders = config.decodeThreads() == 0
                ? null
                : Executors.newFixedThreadPool(config.decodeThreads(), r -> {
                    Thread t = new Thread(r, "image-decode-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        ops = new OpsServer(registry, this::isReady, this::isLive).start(config.httpHost(), config.httpPort());
        manager = new ModelManager(
                config.model(),
                new ModelLoader(source, device, batchSize, metrics),
                models,
                metrics,
                config.modelPollInterval());
        // With no batch size configured, it is measured on the first model before any record is read.
        manager.firstModel()
                .thenRun(() -> startStreams(new BatchingResources(
                        models,
                        inputWriter,
                        decoders,
                        metrics,
                        config.maxBatchSize() > 0 ? batchSize : measuredBatchSize(device.isGpu(), batchSize))));
        manager.start();
        if (config.model().follows()) {
            announcements = new AnnouncementListener(
                            config.kafka(),
                            config.topics().models(),
                            config.modelName(),
                            config.model().alias(),
                            manager::checkNow)
                    .start();
        }
        return this;
    }

    /** The sweep's choice on the model now served; {@code fallback} if it was swapped out meanwhile. */
    private int measuredBatchSize(boolean gpu, int fallback) {
        try (ModelHolder.Lease lease = models.acquire()) {
            if (lease == null) {
                return fallback;
            }
            return BatchSizeSweep.choose(
                    lease.model(), gpu ? BatchSizeChoice.GPU_CANDIDATES : BatchSizeChoice.CPU_CANDIDATES, fallback);
        }
    }

    private void startStreams(BatchingResources resources) {
        synchronized (lifecycle) {
            if (!closed && streams == null) {
                streams = newStreams(resources);
                servingBatchSize = resources.maxBatchSize();
                streams.start();
                LOG.info(
                        "consuming {} now that model version {} is loaded",
                        config.topics().images(),
                        models.servingVersion().orElse(0));
            }
        }
    }

    private KafkaStreams newStreams(BatchingResources resources) {
        KafkaStreams kafkaStreams = new KafkaStreams(
                ClassifierTopology.buildTopology(config, resources),
                ClassifierTopology.streamsConfig(config, resources.maxBatchSize(), metrics));
        // An unexpected error on a stream thread: start a fresh one; exactly-once makes the retry safe.
        kafkaStreams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it (its tasks resume from their last commit)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        kafkaStreams.setStateListener((now, before) -> LOG.info("Kafka Streams {} -> {}", before, now));
        kafkaStreams.setGlobalStateRestoreListener(restores);
        new KafkaStreamsMetrics(kafkaStreams).bindTo(registry);
        return kafkaStreams;
    }

    /** Ready: Kafka Streams is RUNNING and a model is loaded. */
    public boolean isReady() {
        KafkaStreams s = streams;
        return models.hasModel() && s != null && s.state() == KafkaStreams.State.RUNNING;
    }

    /** Live unless Kafka Streams has stopped for good (see {@link StreamsLiveness}); before it starts, live. */
    public boolean isLive() {
        KafkaStreams s = streams;
        return StreamsLiveness.isLive(s == null ? null : s.state());
    }

    /** The ops server's base address, once started. */
    public String opsAddress() {
        return ops.address();
    }

    /**
     * The largest batch in effect (configured, or chosen by the start-up sweep); empty until the
     * first model is loaded and Kafka Streams started (benchmarks).
     */
    public OptionalInt maxBatchSize() {
        int size = servingBatchSize;
        return size > 0 ? OptionalInt.of(size) : OptionalInt.empty();
    }

    /** The served model (tests). */
    public ModelHolder models() {
        return models;
    }

    /** What Kafka Streams has restored from changelogs since start (tests; also a meter). */
    public StateRestoreMeter restores() {
        return restores;
    }

    /** The model manager, once started (tests, benchmarks). */
    public ModelManager manager() {
        return manager;
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (announcements != null) {
            announcements.close();
        }
        if (manager != null) {
            manager.close();
        }
        if (streams != null) {
            // Dynamic membership: leave the group, so a restarted instance gets its partitions at once
            // instead of waiting out the session timeout of the member that is gone. Static membership
            // (a StatefulSet pod): stay, so the same pod coming back keeps its tasks with no rebalance.
            boolean leave = config.groupInstanceId() == null;
            streams.close(new KafkaStreams.CloseOptions().leaveGroup(leave).timeout(Duration.ofSeconds(30)));
        }
        if (decoders != null) {
            decoders.shutdownNow();
            try {
                decoders.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        models.close();
        if (ops != null) {
            ops.close();
        }
        LOG.info("classifier stopped");
    }
}
