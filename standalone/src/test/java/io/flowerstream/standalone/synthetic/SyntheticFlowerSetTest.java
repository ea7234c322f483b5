package io.flowerstream.standalone.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.FlowerClasses;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticFlowerSetTest {

    @TempDir
    Path dir;

    @Test
    void writes_a_folder_per_class_of_decodable_jpegs_named_synthetic() throws Exception {
        new SyntheticFlowerSet().write(dir, 3, 42);

        for (String label : FlowerClasses.NAMES) {
            try (Stream<Path> files = Files.list(dir.resolve(label))) {
                assertThat(files).hasSize(3).allSatisfy(file -> {
                    assertThat(file.getFileName().toString()).startsWith("synthetic-" + label);
                    BufferedImage image = ImageIO.read(file.toFile());
                    assertThat(image.getWidth()).isEqualTo(SyntheticFlowerRenderer.SIZE);
                });
            }
        }
    }

    @Test
    void the_same_label_and_seed_give_the_same_picture_and_another_seed_another() {
        SyntheticFlowerSet set = new SyntheticFlowerSet();
        assertThat(set.jpeg("rose", 7)).isEqualTo(set.jpeg("rose", 7));
        assertThat(set.jpeg("rose", 7)).isNotEqualTo(set.jpeg("rose", 8));
        assertThat(set.jpeg("rose", 7)).isNotEqualTo(set.jpeg("tulip", 7));
    }

    @Test
    void classes_differ_in_colour_as_their_real_counterparts_do() throws Exception {
        // Mean colour over many pictures: sunflowers and dandelions are yellow, roses red, daisies whiter.
        double[] daisy = meanRgb("daisy");
        double[] rose = meanRgb("rose");
        double[] sunflower = meanRgb("sunflower");
        assertThat(rose[0] - rose[1]).isGreaterThan(daisy[0] - daisy[1]);
        assertThat(sunflower[0] + sunflower[1] - 2 * sunflower[2]).isGreaterThan(daisy[0] + daisy[1] - 2 * daisy[2]);
    }

    private static double[] meanRgb(String label) throws Exception {
        SyntheticFlowerSet set = new SyntheticFlowerSet();
        double[] sum = new double[3];
        int n = 0;
        for (int seed = 0; seed < 20; seed++) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(set.jpeg(label, seed)));
            int centre = SyntheticFlowerRenderer.SIZE / 2;
            for (int y = centre - 20; y < centre + 20; y++) {
                for (int x = centre - 20; x < centre + 20; x++) {
                    int rgb = image.getRGB(x, y);
                    sum[0] += (rgb >> 16) & 0xff;
                    sum[1] += (rgb >> 8) & 0xff;
                    sum[2] += rgb & 0xff;
                    n++;
                }
            }
        }
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }
}
