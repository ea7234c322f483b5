package io.flowerstream.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LabellingTest {

    @Test
    void a_label_for_all_files_is_normalised_and_validated() throws Exception {
        assertThat(Labelling.of(" Rose ", false).labelOf(Path.of("x.jpg"))).contains("rose");
    }

    @Test
    void an_unknown_label_is_refused_with_the_valid_ones() {
        assertThatThrownBy(() -> Labelling.of("orchid", false))
                .hasMessageContaining("orchid")
                .hasMessageContaining("daisy, dandelion, rose, sunflower, tulip");
    }

    @Test
    void the_folder_name_is_the_label_with_label_from_folder() throws Exception {
        assertThat(Labelling.of(null, true).labelOf(Path.of("/data/flowers/Tulip/1.jpg")))
                .contains("tulip");
    }

    @Test
    void a_folder_that_is_not_a_flower_class_is_an_unknown_label() {
        assertThatThrownBy(() -> Labelling.of(null, true).labelOf(Path.of("/data/flowers/ATTRIBUTION.txt")))
                .isInstanceOf(Labelling.UnknownLabelException.class)
                .hasMessageContaining("'flowers'");
    }

    @Test
    void no_label_flag_means_unlabelled_images() throws Exception {
        assertThat(Labelling.of(null, false).labelOf(Path.of("x.jpg"))).isEmpty();
    }

    @Test
    void both_label_flags_together_are_refused() {
        assertThatThrownBy(() -> Labelling.of("rose", true)).hasMessageContaining("not both");
    }
}
