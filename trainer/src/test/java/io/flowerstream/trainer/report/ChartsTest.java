package io.flowerstream.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.trainer.train.EpochResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartsTest {

    private static BufferedImage read(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a decodable PNG").isNotNull();
        return image;
    }

    @Test
    void training_curves_are_a_png_of_two_panels() throws Exception {
        List<EpochResult> history = List.of(
                new EpochResult(1, 1.5, 0.3, 1.4, 0.35, 0.001, 10, 30),
                new EpochResult(2, 1.1, 0.5, 1.2, 0.45, 0.001, 10, 30),
                new EpochResult(3, 0.9, 0.6, 1.3, 0.44, 0.001, 10, 30));
        BufferedImage image = read(TrainingCurvesChart.render(history, 2));
        assertThat(image.getWidth()).isGreaterThan(image.getHeight()).isGreaterThanOrEqualTo(800);
    }

    @Test
    void a_single_epoch_still_draws() throws Exception {
        read(TrainingCurvesChart.render(List.of(new EpochResult(1, 1.5, 0.3, 1.4, 0.35, 0.001, 10, 30)), 1));
    }

    @Test
    void the_confusion_matrix_is_a_png_with_a_cell_per_pair_of_classes() throws Exception {
        int[][] matrix = {{5, 1, 0, 0, 0}, {0, 6, 0, 0, 0}, {1, 0, 4, 0, 1}, {0, 0, 0, 7, 0}, {0, 0, 2, 0, 3}};
        BufferedImage image = read(ConfusionMatrixChart.render(matrix, "validation"));
        assertThat(image.getWidth()).isGreaterThan(5 * 60);
        assertThat(image.getHeight()).isGreaterThan(5 * 60);
    }

    @Test
    void the_history_table_marks_the_best_epoch() {
        String table = HistoryTable.render(
                List.of(
                        new EpochResult(1, 1.5, 0.3, 1.4, 0.35, 0.001, 10, 30),
                        new EpochResult(2, 1.1, 0.5, 1.2, 0.45, 0.001, 10, 30)),
                2);
        assertThat(table).contains("2*").contains("val_acc");
    }
}
