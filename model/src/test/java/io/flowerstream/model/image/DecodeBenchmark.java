package io.flowerstream.model.image;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.net.FlowerNet;
import io.flowerstream.testsupport.SharedDatasets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures guards + decode + resize-to-CHW of ImageIO and of the native decoder side by side on
 * the shared photos, and (with {@code --params}) whether a trained network gives the same labels
 * to the eval photos through either. Not a test: run it with
 * {@code ./flowerstream bench-decode [--params FILE] [--write-doc docs/image-decoding.md]}.
 * Photos are read into memory first, so file I/O is not timed.
 */
public final class DecodeBenchmark {

    static final String BEGIN = "<!-- decode-benchmark:begin -->";
    static final String END = "<!-- decode-benchmark:end -->";

    private static final int SIZE = ImagePreprocessor.DEFAULT_SIZE;
    private static final int ROUNDS = 2;
    private static final int WARM_UP_PASSES = 3;
    private static final double GOAL_MS = 1.0;

    /** One way of turning a photo's bytes into CHW floats in {@code dst}. */
    private interface Pipeline {
        void run(byte[] bytes, String name, FloatBuffer dst) throws Exception;
    }

    /** A pipeline and what the table calls it. */
    private record Row(String label, Pipeline pipeline) {}

    public static void main(String[] args) throws Exception {
        Path folder = null;
        Path eval = null;
        Path params = null;
        Path doc = null;
        boolean timing = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--photos" -> folder = Path.of(args[++i]);
                case "--eval" -> eval = Path.of(args[++i]);
                case "--params" -> params = Path.of(args[++i]);
                case "--write-doc" -> doc = Path.of(args[++i]);
                case "--no-timing" -> timing = false;
                case "-h", "--help" -> {
                    System.out.println("""
                            Usage: ./flowerstream bench-decode [--photos DIR] [--params FILE [--eval DIR]]
                                              [--write-doc FILE]
                              --photos DIR      photos to time (default: the shared flowers/ set)
                              --params FILE     a trained model.params (e.g. trainer train --save-params): also print
                                                how often the native decoder's labels match ImageIO's on --eval
                              --eval DIR        photos for the label agreement (default: the shared flowers-eval/ set)
                              --no-timing       only the label agreement
                              --write-doc FILE  replace the text between the decode-benchmark markers of FILE
                                                (docs/image-decoding.md) with this run's table""");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "': see --help");
            }
        }
        if (folder == null) {
            folder = SharedDatasets.flowers()
                    .orElseThrow(() ->
                            new IllegalStateException("no shared photos next to the repository: pass --photos DIR"));
        }
        List<byte[]> photos = read(folder);
        String cpu = cpuModel();
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%d photos of `%s`, %s, %d cores, Java %s; load average at start %s (other work on the machine slows "
                        + "every row alike; the \"times faster\" column is the steadier figure).%n%n",
                photos.size(),
                folder.getFileName(),
                cpu,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"),
                loadAverage()));
        System.out.print(out);

        ImageDecoder imageIo = new ImageDecoder(ImageLimits.defaults(), JpegDecoding.IMAGEIO);
        ImageDecoder nativeJpeg = new ImageDecoder(ImageLimits.defaults(), JpegDecoding.NATIVE);
        ImagePreprocessor preprocessor = new ImagePreprocessor(SIZE);
        List<Row> rows = List.of(
                new Row(
                        "ImageIO (before), whole image",
                        (b, n, dst) -> preprocessor.writeChw(imageIo.decode(b, n), dst)),
                new Row("native, whole image", (b, n, dst) -> preprocessor.writeChw(nativeJpeg.decode(b, n), dst)),
                new Row(
                        "native, DCT scaling, shorter side >= 100 px (not used)",
                        (b, n, dst) -> preprocessor.writeChw(nativeJpeg.decode(b, n, SIZE, 2.0 / 3.0), dst)),
                new Row(
                        "native, DCT scaling, shorter side >= 150 px (not used)",
                        (b, n, dst) -> preprocessor.writeChw(nativeJpeg.decode(b, n, SIZE, 1.0), dst)),
                new Row(
                        String.format(
                                Locale.ROOT,
                                "**native, DCT scaling, shorter side >= %.0f px (default)**",
                                DctScale.MIN_SIDE_SHARE * SIZE),
                        (b, n, dst) -> preprocessor.writeChw(nativeJpeg.decode(b, n, SIZE), dst)));
        int chosen = rows.size() - 1;
        float[][] reference = timing ? chwOf(rows.get(0).pipeline(), photos) : new float[0][];
        StringBuilder table = new StringBuilder();
        table.append("| decoder (guards + decode + bilinear to 150x150 CHW) | median ms/image, 1 thread | times faster "
                + "than ImageIO | mean ms/image, 1 thread | images/s, 2 threads | mean difference from ImageIO's "
                + "input, 0-255 levels |\n");
        table.append("| --- | --- | --- | --- | --- | --- |\n");
        double chosenMedian = 0;
        double imageIoMedian = 0;
        for (Row row : timing ? rows : List.<Row>of()) {
            boolean isDefault = row == rows.get(chosen);
            double[] perImage = timePerImage(row.pipeline(), photos);
            double median = median(perImage);
            double mean = Arrays.stream(perImage).average().orElse(0);
            double twoThreads = photos.size() / (runAll(row.pipeline(), photos, 2) / 1e9);
            double difference = meanDifference(reference, chwOf(row.pipeline(), photos));
            if (imageIoMedian == 0) {
                imageIoMedian = median;
            }
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %.2f | %.1f | %.2f | %.0f | %.2f |%n",
                    row.label(),
                    median,
                    imageIoMedian / median,
                    mean,
                    twoThreads,
                    difference));
            System.out.printf(
                    Locale.ROOT,
                    "%-62s median %.2f ms, mean %.2f ms, 2 threads %.0f images/s, difference %.2f%n",
                    row.label(),
                    median,
                    mean,
                    twoThreads,
                    difference);
            chosenMedian = isDefault ? median : chosenMedian;
        }
        out.append(table).append('\n');
        if (timing) {
            out.append(String.format(
                    Locale.ROOT,
                    "Default decoder: median %.2f ms/image on one thread, goal <= %.1f ms: **%s**.%n",
                    chosenMedian,
                    GOAL_MS,
                    chosenMedian <= GOAL_MS ? "met" : "not met"));
        }
        System.out.printf(
                Locale.ROOT,
                "default decoder median %.2f ms/image, goal <= %.1f ms: %s%n",
                chosenMedian,
                GOAL_MS,
                chosenMedian <= GOAL_MS ? "met" : "not met");

        if (params != null) {
            if (eval == null) {
                eval = SharedDatasets.set(SharedDatasets.FLOWERS_EVAL)
                        .orElseThrow(() -> new IllegalStateException(
                                "no shared flowers-eval/ next to the repository: pass --eval DIR"));
            }
            String agreement = agreement(params, eval, rows);
            out.append('\n').append(agreement);
            System.out.print(agreement);
        }
        out.append(String.format(Locale.ROOT, "%nLoad average at end: %s.%n", loadAverage()));
        if (doc != null) {
            writeBetweenMarkers(doc, out.toString());
            System.out.println("wrote " + doc);
        }
    }

    /** Labels of the eval photos through every row, and how often each native row matches the first (ImageIO). */
    private static String agreement(Path params, Path eval, List<Row> rows) throws Exception {
        List<Path> files = SharedDatasets.allPhotos(eval);
        List<byte[]> photos = new ArrayList<>();
        int[] truth = new int[files.size()];
        for (int i = 0; i < files.size(); i++) {
            photos.add(Files.readAllBytes(files.get(i)));
            truth[i] =
                    FlowerClasses.indexOf(files.get(i).getParent().getFileName().toString());
        }
        int[][] labels = new int[rows.size()][];
        try (Model model = FlowerModels.load(
                Files.readAllBytes(params),
                DeviceChoice.parse("cpu").resolve(DjlRuntime.engine()),
                params.toString())) {
            for (int r = 0; r < rows.size(); r++) {
                labels[r] = predict(model, chwOf(rows.get(r).pipeline(), photos));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Labels that `%s` gives the %d photos of `%s` (a check that both decoders feed the network alike, not "
                        + "a quality figure; goal: the default native decoder matches ImageIO on >= 99%%):%n%n",
                params.getFileName(),
                photos.size(),
                eval.getFileName()));
        out.append("| decoder | same label as ImageIO | labels that differ | accuracy |\n| --- | --- | --- | --- |\n");
        for (int r = 0; r < rows.size(); r++) {
            int same = 0;
            int correct = 0;
            for (int i = 0; i < photos.size(); i++) {
                same += labels[0][i] == labels[r][i] ? 1 : 0;
                correct += labels[r][i] == truth[i] ? 1 : 0;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f%% | %d | %.1f%% |%n",
                    rows.get(r).label(),
                    100.0 * same / photos.size(),
                    photos.size() - same,
                    100.0 * correct / photos.size()));
        }
        return out.toString();
    }

    private static int[] predict(Model model, float[][] images) {
        int batch = 32;
        int classes = FlowerClasses.count();
        int[] labels = new int[images.length];
        try (NDManager manager = model.getNDManager().newSubManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            for (int start = 0; start < images.length; start += batch) {
                int n = Math.min(batch, images.length - start);
                float[] data = new float[n * FlowerNet.imageFloats()];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(images[start + i], 0, data, i * FlowerNet.imageFloats(), FlowerNet.imageFloats());
                }
                try (NDManager step = manager.newSubManager()) {
                    NDArray input = step.create(data, FlowerNet.inputShape(n));
                    float[] logits = model.getBlock()
                            .forward(parameters, new NDList(input), false)
                            .singletonOrThrow()
                            .toFloatArray();
                    for (int i = 0; i < n; i++) {
                        int best = 0;
                        for (int c = 1; c < classes; c++) {
                            if (logits[i * classes + c] > logits[i * classes + best]) {
                                best = c;
                            }
                        }
                        labels[start + i] = best;
                    }
                }
            }
        }
        return labels;
    }

    /** Per photo, the fastest of {@link #ROUNDS} timed passes after {@link #WARM_UP_PASSES} untimed ones, in ms. */
    private static double[] timePerImage(Pipeline pipeline, List<byte[]> photos) throws Exception {
        FloatBuffer slot = slot();
        // Warm-up: natives and the JIT.
        for (int w = 0; w < WARM_UP_PASSES; w++) {
            runAll(pipeline, photos, 1);
        }
        double[] best = new double[photos.size()];
        Arrays.fill(best, Double.MAX_VALUE);
        for (int r = 0; r < ROUNDS; r++) {
            for (int i = 0; i < photos.size(); i++) {
                slot.clear();
                long start = System.nanoTime();
                pipeline.run(photos.get(i), "photo-" + i, slot);
                best[i] = Math.min(best[i], (System.nanoTime() - start) / 1e6);
            }
        }
        return best;
    }

    /** Nanoseconds to push every photo through {@code pipeline} on {@code threads} threads. */
    private static long runAll(Pipeline pipeline, List<byte[]> photos, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    FloatBuffer slot = slot();
                    for (int i = first; i < photos.size(); i += threads) {
                        slot.clear();
                        pipeline.run(photos.get(i), "photo-" + i, slot);
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdown();
        }
    }

    private static float[][] chwOf(Pipeline pipeline, List<byte[]> photos) throws Exception {
        float[][] out = new float[photos.size()][];
        for (int i = 0; i < photos.size(); i++) {
            out[i] = new float[3 * SIZE * SIZE];
            pipeline.run(photos.get(i), "photo-" + i, FloatBuffer.wrap(out[i]));
        }
        return out;
    }

    private static double meanDifference(float[][] a, float[][] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double one = 0;
            for (int j = 0; j < a[i].length; j++) {
                one += Math.abs(a[i][j] - b[i][j]);
            }
            sum += one / a[i].length;
        }
        return sum / a.length * 255;
    }

    private static FloatBuffer slot() {
        return ByteBuffer.allocateDirect(4 * 3 * SIZE * SIZE)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static List<byte[]> read(Path folder) throws IOException {
        List<byte[]> photos = new ArrayList<>();
        for (Path p : SharedDatasets.allPhotos(folder)) {
            photos.add(Files.readAllBytes(p));
        }
        if (photos.isEmpty()) {
            throw new IllegalStateException(
                    "no photos under " + folder + ": pass a folder with a sub-folder of JPEGs per class");
        }
        return photos;
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8)
                    .split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The CPU's model name from /proc/cpuinfo, or the JVM's architecture where there is none. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc: not Linux. The architecture is still worth printing.
        }
        return System.getProperty("os.arch");
    }

    /** Replaces what lies between {@link #BEGIN} and {@link #END} in {@code doc} with {@code text}. */
    static void writeBetweenMarkers(Path doc, String text) throws IOException {
        String content = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = content.indexOf(BEGIN);
        int end = content.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(
                    doc + " has no " + BEGIN + " ... " + END + " section: add the two markers where the table goes");
        }
        String updated = content.substring(0, begin + BEGIN.length()) + "\n" + text + content.substring(end);
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
    }
}
