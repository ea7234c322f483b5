package io.flowerstream.standalone.gpucheck;

import ai.djl.Device;
import ai.djl.Model;
import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.config.ModelSpec;
import io.flowerstream.classifier.image.DecodingInputWriter;
import io.flowerstream.classifier.image.UnclassifiableImageException;
import io.flowerstream.classifier.load.ClassifierLoadDriver;
import io.flowerstream.classifier.models.DirectoryModelSource;
import io.flowerstream.classifier.service.ClassifierService;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.embedded.EmbeddedKafka;
import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.predict.ImageTensor;
import io.flowerstream.platform.ops.ServiceMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole classifier on the chosen device, fed through an embedded KRaft broker as production
 * feeds it: images published to {@code flowers.images}, committed predictions read back
 * ({@link ClassifierLoadDriver}, the driver {@code bench-classifier} uses too). Decoding is spread over
 * the decode threads (every core by default); the run reports throughput with everything
 * published at once, the latency at half that rate, and what decoding alone would allow.
 */
final class EndToEndCheck {

    /** Longest wait for the classifier to load its model and join the group. */
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    /**
     * What the end-to-end run showed.
     *
     * @param images                     images published at once
     * @param classified                 distinct images whose prediction was read back
     * @param imagesPerSecond            images/s, first publish to last prediction
     * @param partitions                 partitions of the images topic
     * @param decodeThreads              the classifier's decode threads
     * @param maxBatchSize               the classifier's batch size (the device's default)
     * @param decodeMsPerImage           decoding and preprocessing one picture on one thread
     * @param decodeBoundImagesPerSecond images/s the decode threads allow with nothing else to do
     * @param latencyRate                images/s of the fixed-rate run (half the throughput)
     * @param latencyImages              images whose latency was measured
     * @param p50Ms                      median publish-to-visible-prediction latency at that rate
     * @param p99Ms                      99th percentile of the same
     */
    record Report(
            int images,
            int classified,
            double imagesPerSecond,
            int partitions,
            int decodeThreads,
            int maxBatchSize,
            double decodeMsPerImage,
            double decodeBoundImagesPerSecond,
            double latencyRate,
            int latencyImages,
            long p50Ms,
            long p99Ms) {}

    private EndToEndCheck() {}

    static Report run(List<byte[]> files, DeviceChoice choice, Device device, GpuCheckSettings settings)
            throws Exception {
        double decodeMs = decodeMillis(files);
        Path tmp = Files.createTempDirectory("gpu-check");
        DirectoryModelSource source = new DirectoryModelSource(tmp.resolve("models"));
        try (Model model = FlowerModels.newModel(device)) {
            source.publish(1, FlowerModels.saveParams(model));
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.inTempDir().start()) {
            for (Map.Entry<String, Integer> topic : Topics.defaults().entrySet()) {
                boolean perPartition = topic.getKey().equals(Topics.IMAGES)
                        || topic.getKey().equals(Topics.PREDICTIONS)
                        || topic.getKey().equals(Topics.FEEDBACK);
                kafka.createTopic(
                        topic.getKey(),
                        perPartition ? settings.partitions() : topic.getValue(),
                        Topics.configOf(topic.getKey()));
            }
            ClassifierConfig config = ClassifierConfig.builder(kafka.bootstrapServers(), tmp.resolve("models"))
                    .model(ModelSpec.parse("1"))
                    .device(choice)
                    .decodeThreads(settings.decodeThreads())
                    .streamThreads(settings.streamThreads())
                    .httpPort(0)
                    .stateDir(tmp.resolve("state"))
                    .build();
            try (ClassifierService app = ClassifierService.create(
                                    config, source, new DecodingInputWriter(), ServiceMetrics.newRegistry("classifier"))
                            .start();
                    ClassifierLoadDriver load = new ClassifierLoadDriver(kafka.bootstrapServers())) {
                awaitReady(app);
                // A warm-up round: the JIT, the first transactions, each partition's first batch.
                load.publishAndAwait(
                        files, Math.max(settings.partitions(), Math.min(settings.endToEndImages(), 2_000)), "warm");
                ClassifierLoadDriver.Throughput bulk = load.publishAndAwait(files, settings.endToEndImages(), "bulk");
                double rate = Math.max(1, bulk.imagesPerSecond() / 2);
                ClassifierLoadDriver.Latencies latencies = load.atFixedRate(files, rate, settings.latencySeconds());
                if (latencies.total().length == 0) {
                    throw new IllegalStateException("no prediction of the fixed-rate run at " + Math.round(rate)
                            + " images/s arrived: see the classifier's log above");
                }
                return new Report(
                        bulk.published(),
                        bulk.predicted(),
                        bulk.imagesPerSecond(),
                        settings.partitions(),
                        settings.decodeThreads(),
                        config.batchSizeFor(device.isGpu()),
                        decodeMs,
                        settings.decodeThreads() * 1000 / decodeMs,
                        rate,
                        latencies.total().length,
                        latencies.totalAt(0.50),
                        latencies.totalAt(0.99));
            }
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Removes the run's model folder and Streams state; a leftover file is only disk, never a wrong result. */
    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: the folder is under the temp dir
        }
    }

    private static void awaitReady(ClassifierService app) throws InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (!app.isReady()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the classifier was not ready within " + READY_WITHIN.toSeconds()
                        + " s: see its log above (model load, Kafka Streams state)");
            }
            Thread.sleep(50);
        }
    }

    /** Decode and preprocess time of one picture on one thread, after a warm-up, in ms. */
    private static double decodeMillis(List<byte[]> files) throws UnclassifiableImageException {
        DecodingInputWriter inputWriter = new DecodingInputWriter();
        ImageTensor slot = ImageTensor.allocate();
        int warmUp = Math.min(50, files.size() * 3);
        for (int i = 0; i < warmUp; i++) {
            inputWriter.write(files.get(i % files.size()), "warm-up", slot.writable());
        }
        int n = Math.max(files.size(), 50);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            inputWriter.write(files.get(i % files.size()), "generated picture", slot.writable());
        }
        return (System.nanoTime() - t0) / 1e6 / n;
    }
}
