package io.flowerstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing a photo set (the benchmarks' shared sets, the tests' sample photos) on folders the test makes. */
class SharedDatasetsTest {

    @Test
    void lists_the_photos_of_a_set_per_class_sorted_by_name_and_leaves_out_other_files(@TempDir Path set)
            throws Exception {
        Path rose = Files.createDirectories(set.resolve("rose"));
        Path daisy = Files.createDirectories(set.resolve("daisy"));
        Files.write(rose.resolve("b.jpg"), new byte[] {1});
        Files.write(rose.resolve("a.JPEG"), new byte[] {1});
        Files.writeString(rose.resolve("notes.txt"), "not a photo");
        Files.write(daisy.resolve("c.png"), new byte[] {1});
        Files.writeString(set.resolve("ATTRIBUTION.txt"), "credits, not a class");

        Map<String, List<Path>> byClass = SharedDatasets.photosByClass(set);

        assertThat(byClass.keySet()).containsExactly("daisy", "rose");
        assertThat(byClass.get("rose")).containsExactly(rose.resolve("a.JPEG"), rose.resolve("b.jpg"));
        assertThat(SharedDatasets.allPhotos(set))
                .containsExactly(daisy.resolve("c.png"), rose.resolve("a.JPEG"), rose.resolve("b.jpg"));
    }

    @Test
    void names_the_class_folders_it_has_when_asked_for_one_it_lacks(@TempDir Path set) throws Exception {
        Files.createDirectories(set.resolve("daisy"));
        Files.createDirectories(set.resolve("rose"));

        assertThatThrownBy(() -> SharedDatasets.photos(set, "orchid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no folder 'orchid'")
                .hasMessageContaining("[daisy, rose]");
    }

    @Test
    void finds_the_sets_in_the_folder_the_system_property_names(@TempDir Path datasets) throws Exception {
        Files.createDirectories(datasets.resolve(SharedDatasets.FLOWERS).resolve("tulip"));
        String before = System.getProperty(SharedDatasets.PROPERTY);
        System.setProperty(SharedDatasets.PROPERTY, datasets.toString());
        try {
            assertThat(SharedDatasets.root()).contains(datasets.toAbsolutePath().normalize());
            assertThat(SharedDatasets.flowers())
                    .contains(datasets.toAbsolutePath().normalize().resolve(SharedDatasets.FLOWERS));
            assertThat(SharedDatasets.set(SharedDatasets.FLOWERS_EXTRA)).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty(SharedDatasets.PROPERTY);
            } else {
                System.setProperty(SharedDatasets.PROPERTY, before);
            }
        }
    }
}
