package io.flowerstream.standalone.status;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The live status of the standalone pipeline: a block redrawn in place on a terminal, or one
 * plain line per tick when the output is a file or a pipe.
 */
public final class StatusView {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PipelineReadings readings;
    private final Supplier<String> phase;
    private final Supplier<String> training;
    private final PrintStream out;
    private final boolean terminal;
    private int linesDrawn;
    private long lastPredictions;
    private long lastNanos;

    /**
     * A view of {@code readings}; {@code phase} says what the pipeline is doing (e.g. "classifying"),
     * {@code training} what the trainer is doing.
     */
    public StatusView(
            PipelineReadings readings,
            Supplier<String> phase,
            Supplier<String> training,
            PrintStream out,
            boolean terminal) {
        this.readings = readings;
        this.phase = phase;
        this.training = training;
        this.out = out;
        this.terminal = terminal;
    }

    /** Draws the status once. */
    public synchronized void tick() {
        long now = System.nanoTime();
        long predictions = readings.predictions();
        double rate = lastNanos == 0 ? 0 : (predictions - lastPredictions) / ((now - lastNanos) / 1e9);
        lastPredictions = predictions;
        lastNanos = now;
        List<String> lines = lines(predictions, rate);
        if (terminal) {
            if (linesDrawn > 0) {
                out.print("\033[" + linesDrawn + "F");
            }
            for (String line : lines) {
                out.print("\033[2K" + line + "\n");
            }
            linesDrawn = lines.size();
        } else {
            out.println(String.join(" | ", lines).replaceAll(" {2,}", " "));
        }
        out.flush();
    }

    List<String> lines(long predictions, double rate) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT, "flowerstream %s  %s", LocalTime.now().format(CLOCK), phase.get()));
        lines.add(String.format(
                Locale.ROOT,
                "  images in     %,d published, %,d refused, %,d archived for training",
                readings.imagesIn(),
                readings.imagesRefused(),
                readings.archived()));
        lines.add(String.format(
                Locale.ROOT,
                "  predictions   %,d (%.1f/s), %,d dead letters",
                predictions,
                rate,
                readings.deadLetters()));
        lines.add("  accuracy      " + accuracy(readings.accuracyByVersion()));
        lines.add(String.format(
                Locale.ROOT,
                "  models        serving v%d, champion v%d, last published v%d",
                readings.servingVersion(),
                readings.championVersion(),
                readings.publishedVersion()));
        lines.add("  training      " + training.get());
        return lines;
    }

    private static String accuracy(Map<Integer, PipelineReadings.Accuracy> byVersion) {
        if (byVersion.isEmpty()) {
            return "no judged predictions yet (labels arrive on flowers.feedback)";
        }
        StringBuilder text = new StringBuilder();
        byVersion.forEach((version, a) -> text.append(
                String.format(Locale.ROOT, "v%d %.1f%% (%d/%d)  ", version, 100 * a.ratio(), a.correct(), a.judged())));
        return text.toString().trim();
    }
}
