package io.flowerstream.platform.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowerstream.testsupport.junit.EmbeddedS3Extension;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.credentials.ChainedProvider;
import io.minio.credentials.StaticProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Static keys and the default AWS credential chain against the embedded S3 server. What can be
 * shown offline: static keys still work; without them the chain is used, and its first link, the
 * AWS_* environment, signs real requests. (The MinIO providers read a JVM system property before
 * the environment variable of the same name, which is how the test sets AWS_ACCESS_KEY_ID.) The
 * web identity and instance profile links need AWS STS or a metadata endpoint: not tested here.
 */
class S3CredentialsTest {

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    @AfterEach
    void clearAwsProperties() {
        System.clearProperty("AWS_ACCESS_KEY_ID");
        System.clearProperty("AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void static_keys_still_sign_in() throws Exception {
        S3Settings settings = S3Settings.fromEnv(Map.of(
                "S3_ENDPOINT",
                S3.s3().endpoint(),
                "S3_ACCESS_KEY",
                S3.s3().accessKey(),
                "S3_SECRET_KEY",
                S3.s3().secretKey(),
                "S3_BUCKET",
                "static-keys"));

        assertThat(settings.hasStaticKeys()).isTrue();
        assertThat(settings.credentials()).isInstanceOf(StaticProvider.class);
        MinioClient client = settings.newClient();
        client.makeBucket(MakeBucketArgs.builder().bucket("static-keys").build());
        assertThat(client.bucketExists(
                        BucketExistsArgs.builder().bucket("static-keys").build()))
                .isTrue();
    }

    @Test
    void without_keys_the_default_aws_chain_signs_in_from_the_aws_environment() throws Exception {
        System.setProperty("AWS_ACCESS_KEY_ID", S3.s3().accessKey());
        System.setProperty("AWS_SECRET_ACCESS_KEY", S3.s3().secretKey());
        S3Settings settings = S3Settings.fromEnv(Map.of("S3_ENDPOINT", S3.s3().endpoint(), "S3_BUCKET", "from-chain"));

        assertThat(settings.hasStaticKeys()).isFalse();
        assertThat(settings.credentials()).isInstanceOf(ChainedProvider.class);
        assertThat(settings.toString())
                .contains("default AWS chain")
                .doesNotContain(S3.s3().secretKey());
        MinioClient client = settings.newClient();
        client.makeBucket(MakeBucketArgs.builder().bucket("from-chain").build());
        assertThat(client.bucketExists(
                        BucketExistsArgs.builder().bucket("from-chain").build()))
                .isTrue();
    }

    @Test
    void the_chain_with_wrong_aws_keys_is_refused_by_the_server() {
        System.setProperty("AWS_ACCESS_KEY_ID", S3.s3().accessKey());
        System.setProperty("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        MinioClient client =
                S3Settings.fromEnv(Map.of("S3_ENDPOINT", S3.s3().endpoint())).newClient();

        assertThatThrownBy(() -> client.bucketExists(
                        BucketExistsArgs.builder().bucket("any").build()))
                .hasMessageContaining("Access denied");
    }

    @Test
    void one_key_without_the_other_says_to_set_both_or_neither() {
        assertThatThrownBy(() -> S3Settings.fromEnv(Map.of("S3_ACCESS_KEY", "ak")))
                .hasMessageContaining("S3_SECRET_KEY")
                .hasMessageContaining("or neither to use the default AWS credential chain");
    }
}
