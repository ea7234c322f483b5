package io.flowerstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenTest {

    @Test
    void accepts_only_the_exact_token_after_bearer() {
        BearerToken token = BearerToken.of("s3cret-token");

        assertThat(token.accepts("Bearer s3cret-token")).isTrue();
        assertThat(token.accepts("bearer s3cret-token")).isTrue();
        assertThat(token.accepts("Bearer s3cret-toke")).isFalse();
        assertThat(token.accepts("Basic s3cret-token")).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }

    @Test
    void never_shows_its_value() {
        assertThat(BearerToken.of("s3cret-token").toString()).doesNotContain("s3cret");
    }

    @Test
    void is_read_from_the_file_named_by_ingest_token_file_without_its_newline(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "from-file\n");

        BearerToken token = BearerToken.fromEnv(Map.of("INGEST_TOKEN_FILE", file.toString()))
                .orElseThrow();

        assertThat(token.accepts("Bearer from-file")).isTrue();
    }

    @Test
    void is_absent_when_neither_variable_is_set() {
        assertThat(BearerToken.fromEnv(Map.of())).isEmpty();
    }
}
