package io.flowerstream.trainer.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.shift.SourceShift;
import io.flowerstream.testsupport.SyntheticPhotos;
import io.flowerstream.trainer.cli.TrainerCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SourceShiftBenchmarkTest {

    @TempDir
    Path tmp;

    private Path photos() throws Exception {
        Path root = tmp.resolve("photos");
        for (String label : List.of("daisy", "rose")) {
            Path dir = Files.createDirectories(root.resolve(label));
            for (int i = 0; i < 3; i++) {
                Files.write(
                        dir.resolve(label + i + ".jpg"),
                        SourceShift.CLEAN.apply(SyntheticPhotos.garden(i + label.length())));
            }
        }
        return root;
    }

    @Test
    void builds_one_set_per_shift_with_the_same_photos_in_the_same_class_folders() throws Exception {
        Map<SourceShift, Integer> written =
                new ShiftedSetBuilder().build(photos(), tmp.resolve("shifted"), List.of(SourceShift.values()));

        assertThat(written)
                .hasSize(SourceShift.values().length)
                .allSatisfy((shift, count) -> assertThat(count).isEqualTo(6));
        Path thumbnail = tmp.resolve("shifted/square_128/rose/rose1.jpg");
        assertThat(ImageIO.read(thumbnail.toFile()).getWidth()).isEqualTo(128);
        assertThat(ImageIO.read(tmp.resolve("shifted/off_centre_crop/daisy/daisy0.jpg")
                                .toFile())
                        .getWidth())
                .isEqualTo(320);
    }

    @Test
    void shift_eval_prints_accuracy_per_shift_and_writes_it_between_the_markers() throws Exception {
        new ShiftedSetBuilder().build(photos(), tmp.resolve("shifted"), List.of(SourceShift.values()));
        Path params = tmp.resolve("model.params");
        try (Model model = FlowerModels.newModel(Device.cpu())) {
            Files.write(params, FlowerModels.saveParams(model));
        }
        Path doc = Files.writeString(
                tmp.resolve("doc.md"),
                "# Title\n\n<!-- source-shift:begin -->\nold\n" + "<!-- source-shift:end -->\n\nAfter.\n");

        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new TrainerCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int code = cli.execute(
                "shift-eval",
                "--params",
                params.toString(),
                "--shifted",
                tmp.resolve("shifted").toString(),
                "--doc",
                doc.toString(),
                "--device",
                "cpu");

        assertThat(code).as(out.toString()).isZero();
        String written = Files.readString(doc);
        for (SourceShift shift : SourceShift.values()) {
            assertThat(written).contains("| " + shift.tag() + " | 6 | ");
        }
        assertThat(written)
                .contains("mean of the 5 shifts", "gap to clean", "CPU ", "# Title", "After.")
                .doesNotContain("old");
        assertThat(out.toString()).contains("| clean | 6 | ");
    }

    @Test
    void names_the_missing_markers() throws Exception {
        Path doc = Files.writeString(tmp.resolve("plain.md"), "no markers here\n");

        assertThatThrownBy(() -> DocMarkers.replace(doc, "source-shift", "x"))
                .hasMessageContaining("source-shift:begin");
    }

    @Test
    void puts_recipes_side_by_side_with_each_ones_mean_and_gap() {
        List<ShiftBenchmark.Row> before = List.of(
                new ShiftBenchmark.Row(SourceShift.CLEAN, 10, 0.8),
                new ShiftBenchmark.Row(SourceShift.BLUR, 10, 0.6),
                new ShiftBenchmark.Row(SourceShift.JPEG_Q20, 10, 0.7));
        List<ShiftBenchmark.Row> after = List.of(
                new ShiftBenchmark.Row(SourceShift.CLEAN, 10, 0.9),
                new ShiftBenchmark.Row(SourceShift.BLUR, 10, 0.9),
                new ShiftBenchmark.Row(SourceShift.JPEG_Q20, 10, 0.8));

        String table = ShiftBenchmark.sideBySide(
                List.of(new ShiftBenchmark.Column("before", before), new ShiftBenchmark.Column("after", after)),
                "Two recipes",
                "a CPU");

        assertThat(table)
                .contains("| set | photos | before | after |")
                .contains("| clean | 10 | 80.0% | 90.0% |")
                .contains("| blur | 10 | 60.0% | 90.0% |")
                .contains("| mean of the 2 shifts | | 65.0% | 85.0% |")
                .contains("| gap to clean | | 15.0 points | 5.0 points |");
    }
}
