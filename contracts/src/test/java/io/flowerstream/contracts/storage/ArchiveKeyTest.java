package io.flowerstream.contracts.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArchiveKeyTest {

    private static final String SHA = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void is_images_label_sha_dot_extension() {
        assertThat(ArchiveKey.of("rose", SHA, "jpg")).isEqualTo("images/rose/" + SHA + ".jpg");
    }

    @Test
    void refuses_path_characters_in_any_part() {
        assertThatThrownBy(() -> ArchiveKey.of("../rose", SHA, "jpg")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveKey.of("rose", "../" + SHA.substring(3), "jpg"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveKey.of("rose", SHA, "jpg/../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reads_back_the_parts_of_a_key_it_built() {
        ArchiveKey parsed = ArchiveKey.parse(ArchiveKey.of("tulip", SHA, "png")).orElseThrow();
        assertThat(parsed).isEqualTo(new ArchiveKey("tulip", SHA, "png"));
    }

    @Test
    void reads_no_key_that_it_would_not_build() {
        assertThat(ArchiveKey.parse("images/rose/" + SHA + ".jpeg")).isEmpty();
        assertThat(ArchiveKey.parse("images/Rose/" + SHA + ".jpg")).isEmpty();
        assertThat(ArchiveKey.parse("images/orchid/" + SHA + ".jpg")).isEmpty();
        assertThat(ArchiveKey.parse("images/rose/" + SHA.substring(1) + ".jpg")).isEmpty();
        assertThat(ArchiveKey.parse("images/rose/")).isEmpty();
        assertThat(ArchiveKey.parse("models/flowers/1/model.params")).isEmpty();
    }
}
