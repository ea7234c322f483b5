package io.flowerstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3Test {

    private static final EmbeddedS3 S3 = EmbeddedS3.inMemory();

    @BeforeAll
    static void startServer() {
        S3.start();
    }

    @AfterAll
    static void stopServer() {
        S3.close();
    }

    @Test
    void puts_gets_and_lists_an_object_with_the_minio_client() throws Exception {
        MinioClient client = client(S3, S3.secretKey());
        client.makeBucket(MakeBucketArgs.builder().bucket("roundtrip").build());
        put(client, "roundtrip", "models/a/1/synset.txt", "daisy\nrose\n", Map.of());

        assertThat(get(client, "roundtrip", "models/a/1/synset.txt")).isEqualTo("daisy\nrose\n");
        assertThat(list(client, "roundtrip", "models/")).containsExactly("models/a/1/synset.txt");
        assertThat(S3.endpoint()).startsWith("http://127.0.0.1:");
    }

    @Test
    void rejects_a_wrong_secret() {
        MinioClient intruder = client(S3, "not-the-secret");

        assertThatThrownBy(() -> intruder.bucketExists(
                        BucketExistsArgs.builder().bucket("roundtrip").build()))
                .isInstanceOf(ErrorResponseException.class)
                .satisfies(e -> assertThat(
                                ((ErrorResponseException) e).errorResponse().code())
                        .isIn("SignatureDoesNotMatch", "AccessDenied"));
    }

    /**
     * S3Proxy 2.6.0 ignores {@code If-None-Match: *} on PUT (AWS S3 and MinIO answer 412): nothing may
     * rely on create-only writes against it. If this starts failing, S3Proxy learnt conditional writes.
     */
    @Test
    void overwrites_despite_if_none_match_so_create_only_writes_cannot_be_relied_on() throws Exception {
        MinioClient client = client(S3, S3.secretKey());
        client.makeBucket(MakeBucketArgs.builder().bucket("conditional").build());
        put(client, "conditional", "claim", "first", Map.of("If-None-Match", "*"));

        put(client, "conditional", "claim", "second", Map.of("If-None-Match", "*"));

        assertThat(get(client, "conditional", "claim")).isEqualTo("second");
    }

    @Test
    void keeps_objects_on_a_directory_across_restarts(@TempDir Path dir) throws Exception {
        try (EmbeddedS3 first = EmbeddedS3.onDirectory(dir).start()) {
            MinioClient client = client(first, first.secretKey());
            client.makeBucket(MakeBucketArgs.builder().bucket("kept").build());
            put(client, "kept", "images/rose/abc.jpg", "jpeg bytes", Map.of());
        }
        assertThat(dir.resolve("kept")).isDirectory();

        try (EmbeddedS3 second = EmbeddedS3.onDirectory(dir).start()) {
            MinioClient client = client(second, second.secretKey());
            assertThat(get(client, "kept", "images/rose/abc.jpg")).isEqualTo("jpeg bytes");
            // The filesystem backend also lists each directory as an object named "<prefix>/":
            // readers of a recursive listing must skip keys that end in '/'.
            assertThat(list(client, "kept", "images/"))
                    .contains("images/rose/abc.jpg")
                    .filteredOn(key -> !key.endsWith("/"))
                    .containsExactly("images/rose/abc.jpg");
        }
    }

    @Test
    void runs_beside_a_second_server_with_its_own_objects() throws Exception {
        try (EmbeddedS3 other =
                EmbeddedS3.inMemory().withCredentials("other", "other-secret").start()) {
            assertThat(other.endpoint()).isNotEqualTo(S3.endpoint());
            MinioClient client = client(other, "other-secret");
            client.makeBucket(MakeBucketArgs.builder().bucket("elsewhere").build());

            assertThat(client.bucketExists(
                            BucketExistsArgs.builder().bucket("elsewhere").build()))
                    .isTrue();
            assertThat(client(S3, S3.secretKey())
                            .bucketExists(BucketExistsArgs.builder()
                                    .bucket("elsewhere")
                                    .build()))
                    .isFalse();
        }
    }

    static MinioClient client(EmbeddedS3 s3, String secret) {
        return MinioClient.builder()
                .endpoint(s3.endpoint())
                .credentials(s3.accessKey(), secret)
                .region(s3.region())
                .build();
    }

    static void put(MinioClient client, String bucket, String key, String text, Map<String, String> headers)
            throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(
                        new ByteArrayInputStream(bytes), bytes.length, -1)
                .extraHeaders(headers)
                .build());
    }

    static String get(MinioClient client, String bucket, String key) throws Exception {
        try (InputStream in = client.getObject(
                GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> list(MinioClient client, String bucket, String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(prefix)
                .recursive(true)
                .build())) {
            keys.add(result.get().objectName());
        }
        return keys;
    }
}
