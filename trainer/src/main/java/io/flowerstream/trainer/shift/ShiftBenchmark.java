package io.flowerstream.trainer.shift;

import ai.djl.Model;
import io.flowerstream.model.shift.SourceShift;
import io.flowerstream.trainer.data.FolderImageSource;
import io.flowerstream.trainer.data.PhotoLoader;
import io.flowerstream.trainer.data.PhotoStore;
import io.flowerstream.trainer.train.Evaluation;
import io.flowerstream.trainer.train.Scorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Scores one model on each set {@link ShiftedSetBuilder} wrote and renders the accuracy per shift as a
 * Markdown table: the clean set, each shift, and the mean over the shifts with its gap to clean.
 */
public final class ShiftBenchmark {

    /** One set's result. */
    public record Row(SourceShift shift, int photos, double accuracy) {}

    private ShiftBenchmark() {}

    /** Accuracy of {@code model} on every shift folder present under {@code root}, in {@link SourceShift} order. */
    public static List<Row> run(Model model, Path root, int batchSize, int loaderThreads) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (SourceShift shift : SourceShift.values()) {
            Path dir = root.resolve(shift.tag());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            FolderImageSource folder = new FolderImageSource(List.of(dir));
            PhotoStore store = new PhotoLoader(loaderThreads).load(folder, folder.list());
            Evaluation evaluation = Scorer.evaluate(
                    model, store, IntStream.range(0, store.size()).toArray(), batchSize);
            rows.add(new Row(shift, evaluation.count(), evaluation.accuracy()));
        }
        if (rows.isEmpty()) {
            throw new IOException("no shift folders under " + root + ": build them first with `trainer shift-set`");
        }
        return rows;
    }

    /** The rows as a Markdown table, with the mean over the shifted sets and its gap to the clean one. */
    public static String table(List<Row> rows, String model, String cpu) {
        StringBuilder out = new StringBuilder();
        out.append("Model ").append(model).append(", CPU ").append(cpu).append(".\n\n");
        out.append("| set | photos | accuracy |\n| --- | ---: | ---: |\n");
        double clean = Double.NaN;
        double sum = 0;
        int shifted = 0;
        for (Row row : rows) {
            out.append(String.format("| %s | %d | %.1f%% |%n", row.shift().tag(), row.photos(), 100 * row.accuracy()));
            if (row.shift() == SourceShift.CLEAN) {
                clean = row.accuracy();
            } else {
                sum += row.accuracy();
                shifted++;
            }
        }
        if (shifted > 0) {
            double mean = sum / shifted;
            out.append(String.format("| mean of the %d shifts | | %.1f%% |%n", shifted, 100 * mean));
            if (!Double.isNaN(clean)) {
                out.append(String.format("| gap to clean | | %.1f points |%n", 100 * (clean - mean)));
            }
        }
        return out.toString();
    }
}
