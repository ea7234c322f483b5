package io.flowerstream.reliability.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Where tests record what they checked and measured: one row file per check under
 * {@code target/reliability/rows/}, written only once the test's assertions have passed, which
 * {@link ReportAssemblyTest} turns into the table of docs/reliability.md.
 */
public final class Results {

    /** The folder of this run's results, relative to the module (surefire's working directory). */
    public static final Path DIR = Paths.get("target", "reliability");

    static final Path ROWS = DIR.resolve("rows");

    static {
        // Rows of an earlier run (say, the long tests of a -Preliability run) must not pass for this run's.
        try (java.util.stream.Stream<Path> old =
                Files.isDirectory(ROWS) ? Files.list(ROWS) : java.util.stream.Stream.empty()) {
            for (Path row : old.toList()) {
                Files.delete(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear the rows of an earlier run in " + ROWS, e);
        }
    }

    private Results() {}

    /** Records that {@code check} passed: what was checked and the figures measured. */
    public static void passed(Check check, String checked, String figures) {
        write(check.name(), List.of(check.area(), check.title(), checked, "passed", figures));
    }

    /**
     * Records one input of the hostile corpus: what each path did with it. {@code order} keeps
     * the corpus's order in the table.
     */
    public static void input(int order, String name, String description, String outcomes) {
        write(
                String.format("INPUT_%03d", order),
                List.of("input", "`" + name + "`: " + description, outcomes, "passed", ""));
    }

    private static void write(String id, List<String> cells) {
        try {
            Files.createDirectories(ROWS);
            String line = String.join("\t", cells.stream().map(Results::clean).toList());
            Files.writeString(ROWS.resolve(id + ".tsv"), line + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the result of " + id + " under " + ROWS, e);
        }
    }

    /** One line, no tabs, no table pipes. */
    private static String clean(String cell) {
        return cell.replace('\t', ' ').replace('\n', ' ').replace("|", "\\|");
    }
}
