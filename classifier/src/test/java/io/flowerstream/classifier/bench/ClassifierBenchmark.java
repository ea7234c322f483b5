package io.flowerstream.classifier.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.config.ModelSpec;
import io.flowerstream.classifier.image.DecodingInputWriter;
import io.flowerstream.classifier.image.UnclassifiableImageException;
import io.flowerstream.classifier.load.ClassifierLoadDriver;
import io.flowerstream.classifier.load.ClassifierLoadDriver.Latencies;
import io.flowerstream.classifier.models.DirectoryModelSource;
import io.flowerstream.classifier.models.LoadedModel;
import io.flowerstream.classifier.models.ModelHolder;
import io.flowerstream.classifier.service.ClassifierService;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.embedded.EmbeddedKafka;
import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.predict.ImageTensor;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.testsupport.SharedDatasets;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flowerstream bench-classifier}: the raw predictor's throughput over batch sizes, then
 * the whole classifier through an embedded broker (throughput, and latency at a fixed rate),
 * on the shared photos with randomly initialised weights (speed does not depend on them).
 */
@Command(
        name = "bench-classifier",
        mixinStandardHelpOptions = true,
        description = "Measure the raw predictor and the classifier end to end through an embedded Kafka broker.")
public final class ClassifierBenchmark implements Callable<Integer> {

    @Option(
            names = "--images",
            defaultValue = "600",
            description = "images published for the throughput run (default: ${DEFAULT-VALUE})")
    int images;

    @Option(
            names = "--warm-up-images",
            defaultValue = "500",
            description =
                    "images per warm-up round through the classifier before measuring (default: ${DEFAULT-VALUE})")
    int warmUpImages;

    @Option(
            names = "--max-warm-up-rounds",
            defaultValue = "12",
            description = "warm-up rounds at most; rounds stop early once the JIT compiler has settled (default: "
                    + "${DEFAULT-VALUE})")
    int maxWarmUpRounds;

    @Option(
            names = "--seconds-per-size",
            defaultValue = "2.5",
            description = "time per batch size in the raw curve (default: ${DEFAULT-VALUE})")
    double secondsPerSize;

    @Option(
            names = "--latency-seconds",
            defaultValue = "10",
            description = "length of the fixed-rate latency run (default: ${DEFAULT-VALUE})")
    int latencySeconds;

    @Option(
            names = {"--rate-fractions", "--rate-fraction"},
            split = ",",
            defaultValue = "0.25,0.5",
            description =
                    "fixed rates of the latency runs, each a fraction of the measured end-to-end throughput (default: "
                            + "${DEFAULT-VALUE})")
    double[] rateFractions;

    @Option(
            names = "--max-batch-size",
            defaultValue = "0",
            description = "the classifier's batch size; 0 (default): measured at start by its sweep, as in production")
    int maxBatchSize;

    @Option(
            names = "--max-batch-delay-ms",
            defaultValue = "10",
            description = "the classifier's batch delay (default: ${DEFAULT-VALUE})")
    long maxBatchDelayMs;

    @Option(
            names = "--commit-interval-ms",
            defaultValue = "0",
            description =
                    "the classifier's commit interval, when predictions become visible; 0: the classifier's default")
    long commitIntervalMs;

    @Option(
            names = "--partitions",
            defaultValue = "6",
            description = "partitions of flowers.images (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(
            names = "--stream-threads",
            defaultValue = "1",
            description = "Kafka Streams threads (default: ${DEFAULT-VALUE})")
    int streamThreads;

    @Option(names = "--decode-threads", defaultValue = "2", description = "decode threads (default: ${DEFAULT-VALUE})")
    int decodeThreads;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu")
    String device;

    /** Roofline: 0.53 GFLOP per image forward against roughly 160 GFLOP/s AVX2 peak on 2 cores. */
    static final double ROOFLINE_IMAGES_PER_SECOND = 300;

    static final int[] CURVE = {1, 2, 4, 8, 16, 32, 64};
    /** The JIT counts as settled once it compiles for less than this share of a warm-up round's wall time. */
    static final double SETTLED_COMPILER_SHARE = 0.05;

    private static final int MAX_SETTLE_SECONDS = 20;

    @Override
    public Integer call() throws Exception {
        Path photos = SharedDatasets.flowers()
                .orElseThrow(() -> new IllegalStateException(
                        "no shared photos: put the flowers set at ../shared/datasets/flowers or pass "
                                + "-Dflowerstream.datasets=DIR"));
        List<byte[]> files = new ArrayList<>();
        SharedDatasets.photosByClass(photos).values().forEach(list -> list.forEach(f -> files.add(read(f))));
        Engine engine = DjlRuntime.engine();
        Device chosen = DeviceChoice.parse(device).resolve(engine);
        ClassifierConfig base = ClassifierConfig.builder("unused:9092", null)
                .maxBatchSize(maxBatchSize)
                .build();
        int defaultBatch = base.batchSizeFor(chosen.isGpu());
        System.out.printf(
                "flowerstream classifier benchmark: %s %s on %s, %d photos, %d cores, djl threads intra=%s inter=%s%n",
                engine.getEngineName(),
                engine.getVersion(),
                chosen,
                files.size(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"),
                System.getProperty("ai.djl.pytorch.num_interop_threads", "default"));

        System.out.println(
                "load average at start: " + loadAverage() + " (other work on the machine skews every figure)");
        byte[] params;
        double best = 0;
        double atBatch;
        double batchMs;
        int bestSize = 1;
        try (Model model = FlowerModels.newModel(chosen)) {
            params = FlowerModels.saveParams(model);
        }
        LoadedModel loaded = new LoadedModel(1, FlowerModels.load(params, chosen, "benchmark"));
        List<ImageTensor> tensors = prepare(files.subList(0, Math.min(64, files.size())));
        double decodeMs = decodeMillis(files.subList(0, Math.min(200, files.size())));
        System.out.printf("decode+preprocess, one thread: %.2f ms/image%n", decodeMs);
        settle(loaded, tensors, defaultBatch);
        System.out.println("raw predictor (one forward pass per batch), images/s:");
        double[] curve = new double[CURVE.length];
        for (int i = 0; i < CURVE.length; i++) {
            curve[i] = rawThroughput(loaded, tensors, CURVE[i]);
            System.out.printf(
                    "  batch %3d: %7.1f images/s  (%.1f ms per " + "batch)%n",
                    CURVE[i], curve[i], 1000.0 * CURVE[i] / curve[i]);
            if (curve[i] > best) {
                best = curve[i];
                bestSize = CURVE[i];
            }
        }
        System.out.printf("raw predictor at batch 1: %.1f images/s; best: %.1f at %d%n", curve[0], best, bestSize);
        // Against 2 cores' AVX2 peak; a CPU with AVX-512 has up to twice the peak, so over 100% can happen.
        System.out.printf(
                "roofline (0.53 GFLOP/image, ~160 GFLOP/s AVX2 on 2 cores): ~%.0f images/s; best raw reaches %.0f%%%n",
                ROOFLINE_IMAGES_PER_SECOND, 100 * best / ROOFLINE_IMAGES_PER_SECOND);

        double e2e;
        PathCpu pathCpu;
        Path tmp = Files.createTempDirectory("bench-classifier");
        DirectoryModelSource source = new DirectoryModelSource(tmp.resolve("models"));
        source.publish(1, params);
        ThreadCpu beforeBroker = ThreadCpu.snapshot();
        try (EmbeddedKafka kafka = EmbeddedKafka.inTempDir().start()) {
            for (String topic : List.of(Topics.IMAGES, Topics.PREDICTIONS, Topics.FEEDBACK)) {
                kafka.createTopic(topic, partitions, Topics.configOf(topic));
            }
            kafka.createTopic(Topics.IMAGES_DLQ, 1, Topics.configOf(Topics.IMAGES_DLQ));
            kafka.createTopic(Topics.MODELS, 1, Topics.configOf(Topics.MODELS));
            // The threads the broker started: its CPU is told apart from the classifier's below.
            Set<String> brokerThreads = ThreadCpu.snapshot().startedSince(beforeBroker);
            ClassifierConfig config = ClassifierConfig.builder(kafka.bootstrapServers(), tmp.resolve("models"))
                    .model(ModelSpec.parse("1"))
                    .device(DeviceChoice.parse(device))
                    .maxBatchSize(maxBatchSize)
                    .maxBatchDelay(Duration.ofMillis(maxBatchDelayMs))
                    .commitInterval(
                            commitIntervalMs > 0
                                    ? Duration.ofMillis(commitIntervalMs)
                                    : ClassifierConfig.DEFAULT_COMMIT_INTERVAL)
                    .decodeThreads(decodeThreads)
                    .streamThreads(streamThreads)
                    .httpPort(0)
                    .stateDir(tmp.resolve("state"))
                    .build();
            PrometheusMeterRegistry registry = ServiceMetrics.newRegistry("classifier");
            try (ClassifierService app = ClassifierService.create(config, source, new DecodingInputWriter(), registry)
                            .start();
                    ClassifierLoadDriver load = new ClassifierLoadDriver(kafka.bootstrapServers())) {
                long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!app.isReady() && System.nanoTime() < waitUntil) {
                    Thread.sleep(50);
                }
                // The batch size the classifier serves with: its start-up sweep's choice unless
                // --max-batch-size fixed it; the latency goal is in that batch's time.
                int served = app.maxBatchSize()
                        .orElseThrow(() -> new IllegalStateException(
                                "the classifier did not start within 60 s: see its log above"));
                // From the raw curve where it has that size (measured there with the machine otherwise idle).
                int inCurve = Arrays.binarySearch(CURVE, served);
                atBatch = inCurve >= 0 ? curve[inCurve] : rawThroughput(loaded, tensors, served);
                batchMs = 1000.0 * served / atBatch;
                System.out.printf(
                        "the classifier serves batches of up to %d (%s); raw predictor at %d: %.1f images/s "
                                + "(%.1f ms per batch)%n",
                        served,
                        maxBatchSize > 0 ? "--max-batch-size" : "its start-up sweep's choice",
                        served,
                        atBatch,
                        batchMs);
                warmUp(load, files);
                ThreadCpu cpuBefore = ThreadCpu.snapshot();
                e2e = load.publishAndAwait(files, images, "bulk").imagesPerSecond();
                ThreadCpu cpuAfter = ThreadCpu.snapshot();
                System.out.printf(
                        "end to end through Kafka (exactly-once, read_committed): %d images in %.2f s = %.1f "
                                + "images/s%n",
                        images, images / e2e, e2e);
                // Where the cores went: the stream thread ("flowers-classif...") polls, runs the forward
                // passes (PyTorch's own threads inherit its name) and commits; "image-decode" decodes;
                // "CN CompilerThre" is the JIT; "data-plane-kafk" and other kafka threads the broker.
                System.out.println("CPU during that run, by thread: " + cpuAfter.since(cpuBefore, 3));
                pathCpu = PathCpu.between(cpuBefore, cpuAfter, images, brokerThreads);
                for (double fraction : rateFractions) {
                    latencyRun(load, files, fraction, e2e, batchMs, registry);
                }
            }
        }
        // The machine is shared: measure the raw predictor again once the classifier and broker
        // are stopped, and compare against the better of the two figures, never the worse.
        ThreadCpu beforeRaw = ThreadCpu.snapshot();
        double rawAfterBest = rawThroughput(loaded, tensors, bestSize);
        ThreadCpu afterRaw = ThreadCpu.snapshot();
        double rawBest = Math.max(best, rawAfterBest);
        System.out.printf(
                "raw predictor again after the classifier stopped: %.1f images/s at batch %d; end to end / raw best "
                        + "(the better of before and after, %.1f) = %.2f (goal >= 0.85), / raw at the batch size used "
                        + "= %.2f%n",
                rawAfterBest, bestSize, rawBest, e2e / rawBest, e2e / atBatch);
        // The other reading of "predictor": one that takes the image file, as a DJL Predictor with an
        // image translator does, decoding each input on the calling thread before the batch's pass.
        double fromBytes = rawFromBytes(loaded, files, bestSize);
        System.out.printf(
                "predictor from JPEG bytes (decode on the calling thread, then one pass per batch), batch %d: %.1f "
                        + "images/s; end to end / that = %.2f%n",
                bestSize, fromBytes, e2e / fromBytes);
        printBound(
                pathCpu,
                rawBest,
                bestSize,
                decodeMs,
                afterRaw.cpuSecondsSince(beforeRaw, t -> true) / (rawAfterBest * afterRaw.secondsSince(beforeRaw)),
                e2e);
        closeQuietly(loaded);
        System.out.println("load average at end: " + loadAverage());
        return 0;
    }

    /**
     * How far the ratio can go on this machine, from the CPU each image cost: the network alone in
     * the raw run against the whole path end to end. For the ratio to reach 0.85 the whole path
     * must cost at most {@code cores / (0.85 x raw best)} of CPU per image, while the network alone
     * already costs about {@code cores / raw best}.
     */
    private static void printBound(
            PathCpu path, double rawBest, int bestSize, double decodeMs, double networkCpuSecondsPerImage, double e2e) {
        int cores = Runtime.getRuntime().availableProcessors();
        double withoutBrokerAndCompiler = path.totalMsPerImage() - path.brokerMsPerImage() - path.compilerMsPerImage();
        System.out.printf(
                "CPU per image: the network alone (raw, batch %d) %.1f ms; end to end %.1f ms in all, of which the "
                        + "broker %.1f, the JIT compiler %.1f and the rest (forward passes, decoding, Streams, "
                        + "transactions, this benchmark's clients) %.1f%n",
                bestSize,
                1000 * networkCpuSecondsPerImage,
                path.totalMsPerImage(),
                path.brokerMsPerImage(),
                path.compilerMsPerImage(),
                withoutBrokerAndCompiler);
        System.out.printf(
                "bound on %d cores with none idle: %.0f images/s = %.2f of raw best; with the broker and the JIT off "
                        + "these cores: %.0f images/s = %.2f%n",
                cores,
                path.boundWithEveryCoreBusy(cores),
                path.boundWithEveryCoreBusy(cores) / rawBest,
                path.boundWithoutBrokerAndCompiler(cores),
                path.boundWithoutBrokerAndCompiler(cores) / rawBest);
        System.out.printf(
                "a ratio of 0.85 needs the whole path within %.1f ms of CPU per image (%d cores / (0.85 x %.1f "
                        + "images/s)); the network's %.1f ms and decoding's %.1f ms alone make %.1f%n",
                1000.0 * cores / (0.85 * rawBest),
                cores,
                rawBest,
                1000 * networkCpuSecondsPerImage,
                decodeMs,
                1000 * networkCpuSecondsPerImage + decodeMs);
        // The bound: what the cores could do if decoding and the network were the only work.
        double decodeAndNetworkBound = cores / (networkCpuSecondsPerImage + decodeMs / 1000);
        System.out.printf(
                "bound from decode + network CPU per image on %d cores: %d / (%.1f + %.1f ms) = %.0f images/s; end to "
                        + "end / that bound = %.2f (goal >= 0.85)%n",
                cores,
                cores,
                1000 * networkCpuSecondsPerImage,
                decodeMs,
                decodeAndNetworkBound,
                e2e / decodeAndNetworkBound);
        // That ratio is the product of two shares (e2e = busy share x cores / CPU per image), so a
        // run shows which one held it back: idle cores, or work besides decoding and the network.
        double decodeAndNetworkMs = 1000 * networkCpuSecondsPerImage + decodeMs;
        System.out.printf(
                "  which is about the cores' busy share (%.0f%% of %d cores = %.2f) x decode + network's share of the "
                        + "CPU each image cost (%.1f of %.1f ms = %.2f); 0.85 with every core busy leaves %.1f ms per "
                        + "image for all else, and the broker alone cost %.1f%n",
                100 * cores * path.busyShare(cores),
                cores,
                path.busyShare(cores),
                decodeAndNetworkMs,
                path.totalMsPerImage(),
                decodeAndNetworkMs / path.totalMsPerImage(),
                decodeAndNetworkMs * (1 / 0.85 - 1),
                path.brokerMsPerImage());
    }

    /**
     * Warms the whole path (decoders, JIT, transactions) before measuring, in rounds, until the
     * JIT compiler spent under {@value #SETTLED_COMPILER_SHARE} of a round's wall time: a
     * long-running classifier is measured, not the compiler, which in this one-JVM run compiles
     * broker, Streams and client code for a minute or more and took a fifth to a quarter of the
     * CPU during the measurement when the warm-up was a fixed 1,500 images (sampled per thread).
     */
    private void warmUp(ClassifierLoadDriver load, List<byte[]> files) {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        for (int round = 1; round <= maxWarmUpRounds; round++) {
            long compiledBefore = compiler.getTotalCompilationTime();
            long t0 = System.nanoTime();
            double rate =
                    load.publishAndAwait(files, warmUpImages, "warm" + round).imagesPerSecond();
            double share = (compiler.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - t0) / 1e6);
            System.out.printf(
                    "warm-up round %d: %d images, %.1f images/s, JIT compiler busy %.0f%% of the round%n",
                    round, warmUpImages, rate, 100 * share);
            if (share < SETTLED_COMPILER_SHARE) {
                return;
            }
        }
        System.out.printf(
                "the JIT compiler had not settled after %d warm-up rounds: figures below include its work%n",
                maxWarmUpRounds);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<ImageTensor> prepare(List<byte[]> files) throws UnclassifiableImageException {
        DecodingInputWriter inputWriter = new DecodingInputWriter();
        List<ImageTensor> tensors = new ArrayList<>();
        for (byte[] file : files) {
            ImageTensor t = ImageTensor.allocate();
            inputWriter.write(file, "benchmark photo", t.writable());
            tensors.add(t);
        }
        return tensors;
    }

    private static double decodeMillis(List<byte[]> files) throws UnclassifiableImageException {
        DecodingInputWriter inputWriter = new DecodingInputWriter();
        ImageTensor slot = ImageTensor.allocate();
        for (byte[] f : files.subList(0, Math.min(20, files.size()))) {
            inputWriter.write(f, "warm-up", slot.writable());
        }
        long t0 = System.nanoTime();
        for (byte[] f : files) {
            inputWriter.write(f, "benchmark photo", slot.writable());
        }
        return (System.nanoTime() - t0) / 1e6 / files.size();
    }

    /**
     * Runs the predictor in one-second rounds until the JIT compiler works under
     * {@value #SETTLED_COMPILER_SHARE} of a round (at most {@value #MAX_SETTLE_SECONDS} s): a
     * compiler thread busy on one of two cores stalls one of PyTorch's two threads, and so every
     * forward pass. It settles in 2-3 s; the raw curve still swings between runs (150-350 images/s
     * at the same batch size), which is the machine, not the compiler.
     */
    private static void settle(LoadedModel model, List<ImageTensor> tensors, int size) throws Exception {
        List<ImageTensor> batch = batchOf(tensors, size);
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        double share = 1;
        int seconds = 0;
        while (share >= SETTLED_COMPILER_SHARE && seconds < MAX_SETTLE_SECONDS) {
            long compiledBefore = compiler.getTotalCompilationTime();
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 1_000_000_000L) {
                model.predict(batch);
            }
            share = (compiler.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - t0) / 1e6);
            seconds++;
        }
        System.out.printf(
                "predictor warm-up: %d s of forward passes at batch %d, JIT compiler busy %.0f%% of the last "
                        + "second%s%n",
                seconds,
                size,
                100 * share,
                share < SETTLED_COMPILER_SHARE ? "" : " (not settled: the raw figures include its work)");
    }

    /** A batch of {@code size} of the prepared tensors, reused in turn. */
    private static List<ImageTensor> batchOf(List<ImageTensor> tensors, int size) {
        List<ImageTensor> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(tensors.get(i % tensors.size()));
        }
        return batch;
    }

    private double rawThroughput(LoadedModel model, List<ImageTensor> tensors, int size) throws Exception {
        List<ImageTensor> batch = batchOf(tensors, size);
        model.predict(batch);
        model.predict(batch);
        long budget = (long) (secondsPerSize * 1e9);
        long t0 = System.nanoTime();
        int done = 0;
        while (System.nanoTime() - t0 < budget || done < 2 * size) {
            model.predict(batch);
            done += size;
        }
        return done / ((System.nanoTime() - t0) / 1e9);
    }

    /** Images/s of decode-then-predict batches of {@code size} photos, one thread decoding. */
    private double rawFromBytes(LoadedModel model, List<byte[]> files, int size) throws Exception {
        DecodingInputWriter inputWriter = new DecodingInputWriter();
        List<ImageTensor> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(ImageTensor.allocate());
        }
        long budget = (long) (secondsPerSize * 1e9);
        long t0 = System.nanoTime();
        int done = 0;
        while (System.nanoTime() - t0 < budget || done < 2 * size) {
            for (ImageTensor slot : batch) {
                inputWriter.write(files.get(done++ % files.size()), "benchmark photo", slot.writable());
            }
            model.predict(batch);
        }
        return done / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * Latency at a fixed rate of {@code fraction} of the measured end-to-end throughput, against the
     * goal: p99 under the batch delay plus two batch times (at the batch size used, from the raw run).
     */
    private void latencyRun(
            ClassifierLoadDriver load,
            List<byte[]> files,
            double fraction,
            double e2e,
            double batchMs,
            MeterRegistry registry) {
        double rate = Math.max(1, fraction * e2e);
        DistributionSummary batches =
                registry.get("flowers.classifier.batch.size").summary();
        long passesBefore = batches.count();
        double imagesBefore = batches.totalAmount();
        ThreadCpu cpuBefore = ThreadCpu.snapshot();
        Latencies measured = load.atFixedRate(files, rate, latencySeconds);
        ThreadCpu cpuAfter = ThreadCpu.snapshot();
        PathCpu cpu = PathCpu.between(cpuBefore, cpuAfter, measured.total().length, Set.of());
        long passes = batches.count() - passesBefore;
        long[] latencies = measured.total();
        long p50 = ClassifierLoadDriver.percentile(latencies, 0.50);
        long p99 = ClassifierLoadDriver.percentile(latencies, 0.99);
        System.out.printf(
                "latency at %.0f images/s (%.2f of end to end) for %d s (%d images), publish to committed prediction: "
                        + "p50 %d ms, p99 %d ms, max %d ms%n",
                rate, fraction, latencySeconds, latencies.length, p50, p99, latencies[latencies.length - 1]);
        // Where it goes: the prediction carries the time from the record's timestamp to its
        // classification; the rest is the wait for the transaction's commit and the reader's fetch.
        System.out.printf(
                "  of which publish to classified: p50 %d ms, p99 %d ms; classified to visible (commit, read_committed "
                        + "fetch): p50 %d ms, p99 %d ms%n",
                ClassifierLoadDriver.percentile(measured.toClassified(), 0.50),
                ClassifierLoadDriver.percentile(measured.toClassified(), 0.99),
                ClassifierLoadDriver.percentile(measured.afterClassified(), 0.50),
                ClassifierLoadDriver.percentile(measured.afterClassified(), 0.99));
        System.out.printf(
                "  goal p99 < max delay %d ms + 2 batch times (2 x %.0f ms) = %.0f ms: %s%n",
                maxBatchDelayMs,
                batchMs,
                maxBatchDelayMs + 2 * batchMs,
                p99 < maxBatchDelayMs + 2 * batchMs ? "met" : "missed");
        // How full the batches were: under light load over many partitions, small batches cost
        // more CPU per image (the raw curve), and a stream thread behind makes the tail.
        System.out.printf(
                "  forward passes: %d, %.1f images each on average; CPU per image at this rate: %.1f ms (the JIT "
                        + "compiler %.1f)%n",
                passes,
                passes == 0 ? 0.0 : (batches.totalAmount() - imagesBefore) / passes,
                cpu.totalMsPerImage(),
                cpu.compilerMsPerImage());
        System.out.println("  CPU during this run, by thread: " + cpuAfter.since(cpuBefore, 3));
    }

    private static void closeQuietly(LoadedModel model) {
        ModelHolder holder = new ModelHolder();
        holder.swap(model);
        holder.close();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClassifierBenchmark()).execute(args));
    }
}
