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

    /** One model's results on the sets, under the label its table column carries. */
    public record Column(String label, List<Row> rows) {}

    /** The rows as a Markdown table, with the mean over the shifted sets and its gap to the clean one. */
    public static String table(List<Row> rows, String model, String cpu) {
        return sideBySide(List.of(new Column("accuracy", rows)), "Model " + model, cpu);
    }

    /**
     * Several models' rows side by side, a column each (all scored on the same sets), with each
     * column's mean over the shifted sets and its gap to its clean figure.
     */
    public static String sideBySide(List<Column> columns, String title, String cpu) {
        StringBuilder out = new StringBuilder();
        out.append(title).append(", CPU ").append(cpu).append(".\n\n");
        out.append("| set | photos |");
        columns.forEach(c -> out.append(' ').append(c.label()).append(" |"));
        out.append("\n| --- | ---: |");
        columns.forEach(c -> out.append(" ---: |"));
        out.append('\n');
        List<Row> first = columns.get(0).rows();
        for (int i = 0; i < first.size(); i++) {
            Row row = first.get(i);
            out.append(String.format("| %s | %d |", row.shift().tag(), row.photos()));
            for (Column c : columns) {
                out.append(String.format(" %.1f%% |", 100 * c.rows().get(i).accuracy()));
            }
            out.append('\n');
        }
        long shifted =
                first.stream().filter(r -> r.shift() != SourceShift.CLEAN).count();
        boolean hasClean = first.stream().anyMatch(r -> r.shift() == SourceShift.CLEAN);
        if (shifted > 0) {
            out.append(String.format("| mean of the %d shifts | |", shifted));
            columns.forEach(c -> out.append(String.format(" %.1f%% |", 100 * meanShifted(c.rows()))));
            out.append('\n');
            if (hasClean) {
                out.append("| gap to clean | |");
                columns.forEach(c ->
                        out.append(String.format(" %.1f points |", 100 * (clean(c.rows()) - meanShifted(c.rows())))));
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static double meanShifted(List<Row> rows) {
        return rows.stream()
                .filter(r -> r.shift() != SourceShift.CLEAN)
                .mapToDouble(Row::accuracy)
                .average()
                .orElse(Double.NaN);
    }

    private static double clean(List<Row> rows) {
        return rows.stream()
                .filter(r -> r.shift() == SourceShift.CLEAN)
                .mapToDouble(Row::accuracy)
                .findFirst()
                .orElse(Double.NaN);
    }
}
