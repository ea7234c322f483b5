package io.flowerstream.testsupport;

import io.flowerstream.testsupport.junit.Datasets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SharedDatasetsTest {

    @Test
    void lists_the_photos_of_flowers_per_class() {
        Path flowers = Datasets.flowersOrSkip();

        Map<String, List<Path>> byClass = SharedDatasets.photosByClass(flowers);

        assertThat(byClass.keySet()).containsExactly("daisy", "dandelion", "rose", "sunflower", "tulip");
        assertThat(byClass.values()).allSatisfy(photos -> assertThat(photos).hasSize(300));
        assertThat(SharedDatasets.photos(flowers, "rose").get(0).toString()).endsWith(".jpg");
    }
}
