package io.flowerstream.ingest.archive;

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
        assertThatThrownBy(() -> ArchiveKey.of("rose", "../" + SHA.substring(3), "jpg")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveKey.of("rose", SHA, "jpg/../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
