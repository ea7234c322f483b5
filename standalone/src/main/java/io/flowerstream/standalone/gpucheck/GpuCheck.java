package io.flowerstream.standalone.gpucheck;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.trainer.data.PhotoStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code gpu-check} run: probe the engine, train, sweep the predictor, run the classifier end
 * to end, judge the goals. Each part prints a line as it ends, so a slow machine shows progress.
 */
public final class GpuCheck {

    private final GpuCheckSettings settings;
    private final PrintStream progress;

    public GpuCheck(GpuCheckSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Runs every part on the device the settings choose.
     *
     * @throws IllegalStateException when a GPU was asked for and none is seen (before anything runs)
     */
    public GpuCheckResult run() throws Exception {
        Engine engine = DjlRuntime.engine();
        Device device = settings.device().resolve(engine);
        settings.precision().checkDevice(device);
        EngineReport report = EngineReport.probe(engine, device, cpuModel());
        progress.printf(
                "gpu-check: %s %s on %s; GPUs seen: %d; %d cores%n",
                report.engine(), report.version(), device, report.gpus().size(), report.cores());

        GeneratedPhotos photos = new GeneratedPhotos(settings.photos(), 17);
        PhotoStore store = photos.decode(report.cores());
        TrainingCheck.Report training =
                TrainingCheck.run(store, device, settings.trainBatch(), settings.trainEpochs(), settings.trainSteps());
        progress.printf(
                "gpu-check: training done: loss %s, %.1f " + "images/s%n",
                training.epochLosses(), training.imagesPerSecond());

        List<PredictorSweep.Point> sweep = PredictorSweep.run(
                photos.files(), device, settings.precision(), settings.batchSizes(), settings.secondsPerBatch());
        progress.printf(
                "gpu-check: predictor sweep done: best %.1f images/s at batch %d%n",
                PredictorSweep.best(sweep).imagesPerSecond(),
                PredictorSweep.best(sweep).batchSize());

        EndToEndCheck.Report endToEnd = EndToEndCheck.run(photos.files(), settings.device(), device, settings);
        progress.printf("gpu-check: end to end done: %.1f images/s%n", endToEnd.imagesPerSecond());

        List<Goals.Verdict> verdicts = settings.goals()
                .judge(
                        PredictorSweep.best(sweep).imagesPerSecond(),
                        endToEnd.imagesPerSecond(),
                        training.imagesPerSecond());
        return new GpuCheckResult(
                report,
                settings.precision().name().toLowerCase(java.util.Locale.ROOT),
                training,
                sweep,
                endToEnd,
                verdicts);
    }

    /** The CPU's model name from /proc/cpuinfo, or "unknown". */
    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
