package io.flowerstream.classifier.topology;

import ai.djl.Device;
import io.flowerstream.classifier.batch.BatchingResources;
import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.config.ClassifierTopics;
import io.flowerstream.classifier.image.DecodingInputWriter;
import io.flowerstream.classifier.metrics.ClassifierMetrics;
import io.flowerstream.classifier.models.LoadedModel;
import io.flowerstream.classifier.models.ModelHolder;
import io.flowerstream.contracts.events.PredictionEvent;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.FlowerModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The classifier topology in a {@link TopologyTestDriver}, with a randomly initialised model. */
final class TopologyFixture implements AutoCloseable {

    final ModelHolder models = new ModelHolder();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ClassifierMetrics metrics =
            new ClassifierMetrics(() -> models.servingVersion().orElse(0));
    final ClassifierConfig config;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> images;
    final TestInputTopic<String, String> feedback;
    final TestOutputTopic<byte[], byte[]> predictionsOut;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    TopologyFixture(Path stateDir, int maxBatchSize, Duration maxBatchDelay) {
        this(stateDir, maxBatchSize, maxBatchDelay, null);
    }

    /**
     * With {@code decoders} running preparation off the stream thread, as the application does; null prepares inline.
     */
    TopologyFixture(Path stateDir, int maxBatchSize, Duration maxBatchDelay, Executor decoders) {
        this(stateDir, maxBatchSize, maxBatchDelay, decoders, ClassifierTopics.defaults());
    }

    /**
     * With {@code topics} in place of the defaults; {@link #deadLetters} always reads the default dead-letter topic.
     */
    TopologyFixture(
            Path stateDir, int maxBatchSize, Duration maxBatchDelay, Executor decoders, ClassifierTopics topics) {
        DjlRuntime.engine();
        metrics.bindTo(registry);
        models.swap(newVersion(1));
        config = ClassifierConfig.builder("unused:9092", null)
                .maxBatchSize(maxBatchSize)
                .maxBatchDelay(maxBatchDelay)
                .feedbackWindow(Duration.ofMinutes(10))
                .stateDir(stateDir)
                .topics(topics)
                .build();
        BatchingResources resources =
                new BatchingResources(models, new DecodingInputWriter(), decoders, metrics, maxBatchSize);
        Properties props = ClassifierTopology.streamsConfig(config, maxBatchSize, metrics);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ClassifierTopology.buildTopology(config, resources), props);
        images =
                driver.createInputTopic(config.topics().images(), new ByteArraySerializer(), new ByteArraySerializer());
        feedback = driver.createInputTopic(config.topics().feedback(), new StringSerializer(), new StringSerializer());
        predictionsOut = driver.createOutputTopic(
                config.topics().predictions(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        deadLetters =
                driver.createOutputTopic(Topics.IMAGES_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static LoadedModel newVersion(int version) {
        return new LoadedModel(version, FlowerModels.newModel(Device.cpu()));
    }

    void sendImage(String id, byte[] bytes) {
        images.pipeInput(
                new TestRecord<>(id == null ? null : id.getBytes(StandardCharsets.UTF_8), bytes, new RecordHeaders()));
    }

    void sendImage(String id, byte[] bytes, RecordHeaders headers) {
        images.pipeInput(new TestRecord<>(id.getBytes(StandardCharsets.UTF_8), bytes, headers));
    }

    List<PredictionEvent> predictions() {
        return predictionsOut.readValuesToList().stream()
                .map(PredictionEvent::fromJson)
                .toList();
    }

    double counter(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    @Override
    public void close() {
        driver.close();
        models.close();
    }
}
