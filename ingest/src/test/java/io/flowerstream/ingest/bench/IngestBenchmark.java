package io.flowerstream.ingest.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import com.sun.management.OperatingSystemMXBean;
import io.flowerstream.contracts.ids.ImageId;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.embedded.EmbeddedKafka;
import io.flowerstream.ingest.check.CheckMode;
import io.flowerstream.ingest.check.ImageCheck;
import io.flowerstream.ingest.http.HttpSettings;
import io.flowerstream.ingest.http.IngestHttpServer;
import io.flowerstream.ingest.metrics.IngestMetrics;
import io.flowerstream.ingest.publish.ImagePublisher;
import io.flowerstream.ingest.publish.ProducerSettings;
import io.flowerstream.ingest.push.FileCollector;
import io.flowerstream.ingest.push.Labelling;
import io.flowerstream.ingest.push.Progress;
import io.flowerstream.ingest.push.PushReport;
import io.flowerstream.ingest.push.Pusher;
import io.flowerstream.model.image.DecodedImage;
import io.flowerstream.model.image.ImageDecoder;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.model.image.ImagePreprocessor;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.predict.FlowerScores;
import io.flowerstream.model.predict.FlowerTranslator;
import io.flowerstream.model.predict.ImageTensor;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./flowerstream bench-ingest}: how fast images get in, against how fast the network can
 * label them, all measured in one run on this machine. Publishes a folder of photos to an
 * in-process broker three ways (a raw producer sending the bytes unchecked, the push CLI's
 * pipeline, the HTTP endpoint with concurrent clients), then times the classifier's network
 * on batches of 8 preprocessed photos. A benchmark, not a test: it lives with the tests for the
 * embedded broker.
 */
@Command(
        name = "bench-ingest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Measure ingest throughput (raw producer, CLI, HTTP) against the classifier network's rate.")
public final class IngestBenchmark implements Callable<Integer> {

    @Option(
            names = "--dataset",
            defaultValue = "../shared/datasets/flowers",
            description = "Folder of photos in label folders (default ${DEFAULT-VALUE}).")
    Path dataset;

    @Option(
            names = "--http-clients",
            defaultValue = "4",
            description = "Concurrent HTTP clients (default ${DEFAULT-VALUE}).")
    int httpClients;

    @Option(names = "--threads", description = "CLI check threads (default: cores, at most 4).")
    Integer threads;

    @Option(
            names = "--classifier-batches",
            defaultValue = "12",
            description = "Timed batches of 8 for the network (default ${DEFAULT-VALUE}).")
    int classifierBatches;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Path> files = FileCollector.collect(List.of(dataset)).stream()
                .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jpg"))
                .toList();
        List<byte[]> photos = new ArrayList<>(files.size());
        for (Path file : files) {
            photos.add(Files.readAllBytes(file));
        }
        int workers =
                threads != null ? threads : Math.min(4, Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT,
                "dataset: %s, %,d photos, %,d MB; %d cores, %d CLI threads, %d HTTP clients%n",
                dataset,
                files.size(),
                photos.stream().mapToLong(b -> b.length).sum() / 1_000_000,
                Runtime.getRuntime().availableProcessors(),
                workers,
                httpClients);
        Rate raw;
        Rate cli;
        Rate decoding;
        Rate http;
        Rate httpDecoding;
        try (EmbeddedKafka kafka = EmbeddedKafka.inTempDir().start()) {
            for (String topic : List.of("bench.warmup", "bench.raw", "bench.cli", "bench.decode", "bench.http")) {
                kafka.createTopic(topic, Topics.DEFAULT_PARTITIONS, Topics.configOf(Topics.IMAGES));
            }
            KafkaClientConfig config = KafkaClientConfig.of(kafka.bootstrapServers());
            ImageCheck decode = CheckMode.DECODE.newCheck();
            // Warm-up: JIT, producer metadata and the broker's first segments, not measured.
            push(config, decode, files.subList(0, Math.min(200, files.size())), "bench.warmup", workers);
            raw = Rate.measure(photos.size(), () -> rawProducer(config, photos));
            ImageCheck guards = CheckMode.GUARDS.newCheck();
            cli = Rate.measure(files.size(), () -> push(config, guards, files, "bench.cli", workers));
            decoding = Rate.measure(files.size(), () -> push(config, decode, files, "bench.decode", workers));
            http = overHttp(config, guards, photos);
            httpDecoding = overHttp(config, decode, photos);
        }
        Rate classifier = classifierRate(files);
        System.out.printf(
                Locale.ROOT,
                "%n%-44s %9s %10s %9s %14s %14s%n",
                "path",
                "images/s",
                "per CPU-s",
                "vs raw",
                "vs classifier",
                "(by CPU-s)");
        row("raw producer (bytes unchecked)", raw, raw, classifier);
        row("CLI push (read, guards, send; the default)", cli, raw, classifier);
        row("CLI push --check decode", decoding, raw, classifier);
        row("HTTP POST /v1/images (" + httpClients + " clients, guards)", http, raw, classifier);
        row("HTTP, INGEST_CHECK=decode", httpDecoding, raw, classifier);
        System.out.printf(
                Locale.ROOT,
                "%-44s %9.1f %10.1f%n",
                "classifier network (CPU, batch 8)",
                classifier.perSecond(),
                classifier.perCpuSecond());
        System.out.printf(
                Locale.ROOT,
                "%ngoal: ingest (default check) >= 3x the classifier, wall clock: CLI %.1fx, HTTP %.1fx -> %s; by CPU "
                        + "time: CLI %.1fx, HTTP %.1fx%n",
                cli.perSecond() / classifier.perSecond(),
                http.perSecond() / classifier.perSecond(),
                Math.min(cli.perSecond(), http.perSecond()) >= 3 * classifier.perSecond() ? "met" : "NOT met",
                cli.perCpuSecond() / classifier.perCpuSecond(),
                http.perCpuSecond() / classifier.perCpuSecond());
        return 0;
    }

    private static void row(String name, Rate rate, Rate raw, Rate classifier) {
        System.out.printf(
                Locale.ROOT,
                "%-44s %9.1f %10.1f %8.2fx %13.1fx %13.1fx%n",
                name,
                rate.perSecond(),
                rate.perCpuSecond(),
                rate.perSecond() / raw.perSecond(),
                rate.perSecond() / classifier.perSecond(),
                rate.perCpuSecond() / classifier.perCpuSecond());
    }

    /**
     * Images per wall-clock second and per second of this process's CPU time. The second is what
     * a busy shared machine distorts least: other processes steal wall time, not CPU time.
     */
    record Rate(int images, double wallSeconds, double cpuSeconds) {

        interface Work {
            void run() throws Exception;
        }

        static Rate measure(int images, Work work) throws Exception {
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            work.run();
            return new Rate(images, (System.nanoTime() - wall) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
        }

        double perSecond() {
            return images / wallSeconds;
        }

        double perCpuSecond() {
            return images / cpuSeconds;
        }
    }

    private static void rawProducer(KafkaClientConfig config, List<byte[]> photos) throws Exception {
        List<String> keys = photos.stream().map(ImageId::of).toList();
        try (Producer<String, byte[]> producer =
                ProducerSettings.newProducer(config, Duration.ofSeconds(30), "bench-raw")) {
            List<Future<?>> acks = new ArrayList<>(photos.size());
            for (int i = 0; i < photos.size(); i++) {
                acks.add(producer.send(new ProducerRecord<>("bench.raw", keys.get(i), photos.get(i))));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
    }

    private static PushReport push(
            KafkaClientConfig config, ImageCheck check, List<Path> files, String topic, int workers) {
        try (ImagePublisher publisher = new ImagePublisher(
                ProducerSettings.newProducer(config, Duration.ofSeconds(30), "bench-cli"), topic, "ingest-cli")) {
            PushReport report = new Pusher(
                            check,
                            publisher,
                            ImageLimits.DEFAULT_MAX_BYTES,
                            workers,
                            new IngestMetrics(new SimpleMeterRegistry(), "cli"))
                    .push(
                            files,
                            new Labelling.FromFolder(),
                            new Progress(
                                    new PrintWriter(new StringWriter()), false, Duration.ofHours(1), System::nanoTime));
            if (!report.failed().isEmpty()) {
                throw new IllegalStateException("the benchmark push failed: " + report.summary());
            }
            return report;
        }
    }

    /**
     * Starts the endpoint, warms it (JIT, connections, producer metadata) with a few hundred
     * requests, then measures only the requests: server start-up and shutdown are not ingest.
     */
    private Rate overHttp(KafkaClientConfig config, ImageCheck check, List<byte[]> photos) throws Exception {
        try (ImagePublisher publisher = new ImagePublisher(
                        ProducerSettings.newRequestProducer(config, Duration.ofSeconds(5), "bench-http"),
                        "bench.http",
                        "ingest-http");
                IngestHttpServer server = IngestHttpServer.create(
                                new HttpSettings(
                                        "127.0.0.1",
                                        0,
                                        ImageLimits.DEFAULT_MAX_BYTES,
                                        HttpSettings.DEFAULT_SEND_TIMEOUT,
                                        Optional.empty(),
                                        httpClients),
                                check,
                                publisher,
                                ServiceMetrics.newRegistry("ingest"),
                                () -> true)
                        .start()) {
            postAll(server, photos.subList(0, Math.min(300, photos.size())));
            return Rate.measure(photos.size(), () -> postAll(server, photos));
        }
    }

    /** Posts every photo once, from {@code httpClients} keep-alive connections. */
    private void postAll(IngestHttpServer server, List<byte[]> photos) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(httpClients);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int c = 0; c < httpClients; c++) {
            done.add(CompletableFuture.runAsync(
                    () -> {
                        try (KeepAliveClient client = new KeepAliveClient(
                                "127.0.0.1", server.port(), IngestHttpServer.IMAGES_PATH, "image/jpeg")) {
                            for (int i = next.getAndIncrement(); i < photos.size(); i = next.getAndIncrement()) {
                                if (client.post(photos.get(i)) != 202) {
                                    refused.incrementAndGet();
                                }
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException("benchmark client failed against " + server.address(), e);
                        }
                    },
                    clients));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        clients.shutdown();
        if (refused.get() > 0) {
            System.out.printf(
                    Locale.ROOT, "HTTP: %d of %d requests were not answered 202%n", refused.get(), photos.size());
        }
    }

    private Rate classifierRate(List<Path> files) throws Exception {
        ImageDecoder decoder = new ImageDecoder();
        ImagePreprocessor preprocessor = new ImagePreprocessor();
        List<ImageTensor> inputs = new ArrayList<>();
        for (Path file : files.subList(0, Math.min(64, files.size()))) {
            DecodedImage image = decoder.decode(Files.readAllBytes(file), file.toString());
            inputs.add(ImageTensor.of(preprocessor.toChw(image)));
        }
        int batch = 8;
        try (Model model = FlowerModels.newModel(Device.cpu());
                Predictor<ImageTensor, FlowerScores> predictor = model.newPredictor(new FlowerTranslator())) {
            for (int i = 0; i < 3; i++) {
                predictor.batchPredict(slice(inputs, i, batch));
            }
            return Rate.measure(classifierBatches * batch, () -> {
                for (int i = 0; i < classifierBatches; i++) {
                    predictor.batchPredict(slice(inputs, i, batch));
                }
            });
        }
    }

    private static List<ImageTensor> slice(List<ImageTensor> inputs, int index, int batch) {
        int from = (index * batch) % (inputs.size() - batch + 1);
        return inputs.subList(from, from + batch);
    }
}
