package io.flowerstream.model.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LibtorchEnvironmentTest {

    private static void check(Map<String, String> env) {
        DjlRuntime.checkLibtorchEnvironment(env::get);
    }

    @Test
    void accepts_no_redirect_at_all() {
        assertThatCode(() -> check(Map.of())).doesNotThrowAnyException();
    }

    @Test
    void accepts_a_flavor_alone_as_the_cuda_images_set_it() {
        assertThatCode(() -> check(Map.of("PYTORCH_FLAVOR", "cu128"))).doesNotThrowAnyException();
    }

    @Test
    void accepts_an_external_libtorch_named_by_all_three_variables() {
        assertThatCode(() -> check(Map.of(
                        "PYTORCH_LIBRARY_PATH",
                        "/opt/torch/lib",
                        "PYTORCH_VERSION",
                        "2.11.0",
                        "PYTORCH_FLAVOR",
                        "cu130")))
                .doesNotThrowAnyException();
    }

    @Test
    void refuses_a_library_path_without_version_and_flavor_naming_both() {
        assertThatThrownBy(() -> check(Map.of("PYTORCH_LIBRARY_PATH", "/opt/torch/lib")))
                .hasMessageContaining("PYTORCH_VERSION and PYTORCH_FLAVOR not")
                .hasMessageContaining("docs/gpu.md");
        assertThatThrownBy(() -> check(Map.of("PYTORCH_LIBRARY_PATH", "/opt/torch/lib", "PYTORCH_VERSION", "2.11.0")))
                .hasMessageContaining("PYTORCH_FLAVOR not");
    }

    @Test
    void refuses_a_version_alone_which_would_make_djl_download_it() {
        assertThatThrownBy(() -> check(Map.of("PYTORCH_VERSION", "2.11.0")))
                .hasMessageContaining("without PYTORCH_LIBRARY_PATH");
    }
}
