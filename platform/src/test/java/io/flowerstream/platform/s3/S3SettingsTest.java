package io.flowerstream.platform.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

    @Test
    void reads_the_environment_with_defaults_for_bucket_and_region() {
        S3Settings settings = S3Settings.fromEnv(
                Map.of("S3_ENDPOINT", "http://minio:9000", "S3_ACCESS_KEY", "ak", "S3_SECRET_KEY", "very-secret"));

        assertThat(settings)
                .isEqualTo(new S3Settings("http://minio:9000", "ak", "very-secret", "flowerstream", "us-east-1"));
    }

    @Test
    void never_prints_the_secret() {
        S3Settings settings = new S3Settings("http://minio:9000", "ak", "very-secret", "b");

        assertThat(settings.toString()).doesNotContain("very-secret").contains("ak", "http://minio:9000", "b");
    }

    @Test
    void names_the_missing_variable() {
        assertThatThrownBy(() -> S3Settings.fromEnv(Map.of("S3_ACCESS_KEY", "ak")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("S3_SECRET_KEY");
    }
}
