package io.flowerstream.standalone.gpucheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes a {@link GpuCheckResult} as JSON (every figure) and as a short table (the ones to read). */
final class GpuCheckReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GpuCheckReport() {}

    static void writeJson(GpuCheckResult result, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), result);
    }

    static GpuCheckResult readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), GpuCheckResult.class);
    }

    /** The table: the machine, training, the sweep, end to end, the goals. */
    static String table(GpuCheckResult r) {
        StringBuilder out = new StringBuilder();
        EngineReport e = r.engine();
        out.append(String.format(
                Locale.ROOT,
                "engine: %s %s (%s), device %s, %d cores (%s)%n",
                e.engine(),
                e.version(),
                String.join(", ", e.features()),
                e.device(),
                e.cores(),
                e.cpu()));
        if (e.gpus().isEmpty()) {
            out.append("GPUs seen: none\n");
        }
        for (EngineReport.Gpu g : e.gpus()) {
            out.append(String.format(
                    Locale.ROOT,
                    "GPU %d: compute capability %s, %.1f GiB (%.1f GiB in use), CUDA runtime %s%n",
                    g.index(),
                    g.computeCapability(),
                    g.totalMemoryBytes() / 1073741824.0,
                    g.usedMemoryBytes() / 1073741824.0,
                    e.cudaRuntime()));
        }
        TrainingCheck.Report t = r.training();
        out.append(String.format(
                Locale.ROOT,
                "training, batch %d, %d epochs of %d steps: loss by epoch %s (%s); %.1f images/s (loader: %d threads, "
                        + "%d batches ready)%n",
                t.batchSize(),
                t.epochs(),
                t.stepsPerEpoch(),
                t.epochLosses().stream()
                        .map(l -> String.format(Locale.ROOT, "%.3f", l))
                        .collect(Collectors.joining(" ")),
                t.lossFell() ? "fell" : "DID NOT FALL",
                t.imagesPerSecond(),
                t.loaderThreads(),
                t.prefetchBatches()));
        out.append(String.format(
                Locale.ROOT, "batched predictor (%s; host tensors to host scores, copies included):%n", r.precision()));
        out.append("  batch   images/s   p50 ms/batch   p99 ms/batch\n");
        for (PredictorSweep.Point p : r.predictor()) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %5d  %9.1f  %13.2f  %13.2f%n",
                    p.batchSize(),
                    p.imagesPerSecond(),
                    p.p50BatchMs(),
                    p.p99BatchMs()));
        }
        EndToEndCheck.Report x = r.endToEnd();
        out.append(String.format(
                Locale.ROOT,
                "classifier end to end (%d partitions, batches of up to %d, %d decode threads): %d of %d images "
                        + "classified, %.1f images/s%n",
                x.partitions(),
                x.maxBatchSize(),
                x.decodeThreads(),
                x.classified(),
                x.images(),
                x.imagesPerSecond()));
        out.append(String.format(
                Locale.ROOT,
                "  decoding: %.2f ms/image on one thread, so at most %.0f images/s on %d threads%n",
                x.decodeMsPerImage(),
                x.decodeBoundImagesPerSecond(),
                x.decodeThreads()));
        out.append(String.format(
                Locale.ROOT,
                "  latency at %.0f images/s (half of that), %d images: p50 %d ms, p99 %d ms%n",
                x.latencyRate(),
                x.latencyImages(),
                x.p50Ms(),
                x.p99Ms()));
        for (Goals.Verdict v : r.goals()) {
            out.append(String.format(
                    Locale.ROOT,
                    "goal %-38s >= %8.0f images/s: %9.1f  %s%n",
                    v.name(),
                    v.goal(),
                    v.measured(),
                    v.met() ? "PASS" : "FAIL"));
        }
        return out.toString();
    }
}
