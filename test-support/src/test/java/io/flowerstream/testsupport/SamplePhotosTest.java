package io.flowerstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The committed sample photos: complete, small, real JPEGs, and each one credited. */
class SamplePhotosTest {

    /** The photos as committed (Surefire runs this module's tests in the module's folder). */
    private static final Path COMMITTED = Path.of("src/main/resources").resolve(SamplePhotos.RESOURCE_DIR);

    @Test
    void holds_ten_photos_of_each_of_the_five_classes() {
        Map<String, List<Path>> byClass = SamplePhotos.byClass();

        assertThat(byClass.keySet()).containsExactly("daisy", "dandelion", "rose", "sunflower", "tulip");
        assertThat(byClass.values()).allSatisfy(photos -> assertThat(photos).hasSize(SamplePhotos.PER_CLASS));
        assertThat(SamplePhotos.all()).hasSize(5 * SamplePhotos.PER_CLASS);
    }

    @Test
    void every_photo_is_a_jpeg_at_most_200_px_on_its_long_side() throws Exception {
        for (Path photo : SamplePhotos.all()) {
            byte[] bytes = Files.readAllBytes(photo);
            assertThat(bytes).as(photo + " starts with the JPEG marker").startsWith((byte) 0xFF, (byte) 0xD8);
            BufferedImage image = ImageIO.read(photo.toFile());
            assertThat(image).as(photo + " decodes").isNotNull();
            assertThat(Math.max(image.getWidth(), image.getHeight()))
                    .as(photo + " long side")
                    .isBetween(100, SamplePhotos.MAX_SIDE);
        }
    }

    @Test
    void every_committed_photo_has_a_cc_by_credit_line_and_every_credit_names_a_committed_photo() throws Exception {
        TreeSet<String> committed = new TreeSet<>();
        try (Stream<Path> files = Files.walk(COMMITTED)) {
            files.filter(Files::isRegularFile)
                    .map(p -> COMMITTED.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !name.equals(SamplePhotos.ATTRIBUTION))
                    .forEach(committed::add);
        }
        Map<String, String> credits = SamplePhotos.credits();

        assertThat(committed).as("files under " + COMMITTED).isEqualTo(new TreeSet<>(credits.keySet()));
        assertThat(credits.values())
                .allSatisfy(line -> assertThat(line)
                        .matches("\\S+\\.jpg CC-BY by .+ - https://www\\.flickr\\.com/photos/\\S+/\\d+/"));
    }

    @Test
    void the_set_stays_small() throws Exception {
        long bytes;
        try (Stream<Path> files = Files.walk(COMMITTED)) {
            bytes = files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
        // A few hundred KB keeps the clone small; the full sets stay outside the repository.
        assertThat(bytes).isLessThan(500 * 1024);
    }
}
