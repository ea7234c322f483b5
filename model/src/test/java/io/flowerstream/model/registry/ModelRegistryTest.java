package io.flowerstream.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowerstream.contracts.ids.Sha256;
import io.flowerstream.testsupport.junit.EmbeddedS3Extension;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    private MinioClient client;
    private ModelRegistry registry;

    @BeforeEach
    void freshBucket(TestInfo test) {
        client = RegistryFixtures.client(S3.s3());
        // One bucket per test: tests share the server, never each other's versions.
        String bucket = test.getTestMethod().orElseThrow().getName().replace('_', '-');
        bucket = bucket.substring(0, Math.min(bucket.length(), 60));
        registry = new ModelRegistry(client, bucket);
        registry.ensureBucket();
        registry.ensureBucket(); // a second call is harmless
    }

    @Test
    void publishes_lists_and_fetches_a_version() {
        byte[] params = "opaque parameter bytes".getBytes(StandardCharsets.UTF_8);

        ModelMetadata published = registry.publish(PublishRequest.of(RegistryFixtures.draft(), params)
                .withArtifact("training-curves.png", new byte[] {1, 2, 3}));

        assertThat(published.version()).isEqualTo(1);
        assertThat(published.modelName()).isEqualTo("flowers-cnn");
        assertThat(published.paramsSha256()).isEqualTo(Sha256.hex(params)).hasSize(64);
        assertThat(published.createdAt()).isNotNull();
        assertThat(registry.listVersions()).containsExactly(1);
        assertThat(registry.latestVersion()).contains(1);
        assertThat(registry.metadata(1)).get().usingRecursiveComparison().isEqualTo(published);
        FetchedModel fetched = registry.fetch(1);
        assertThat(fetched.params()).isEqualTo(params);
        assertThat(fetched.synset()).containsExactlyElementsOf(RegistryFixtures.CLASSES);
        assertThat(fetched.metadata().validation().confusionMatrix()[0]).containsExactly(3, 1, 0, 0, 1);
        assertThat(registry.artifact(1, "training-curves.png")).get().isEqualTo(new byte[] {1, 2, 3});
        assertThat(registry.artifact(1, "samples.png")).isEmpty();
    }

    @Test
    void publishes_parameters_from_a_file_and_numbers_versions_upwards(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flowers-cnn-0002.params");
        Files.write(file, new byte[100_000]);
        registry.publish(PublishRequest.of(RegistryFixtures.draft(), new byte[] {1}));

        ModelMetadata second = registry.publish(PublishRequest.of(RegistryFixtures.draft(), file));

        assertThat(second.version()).isEqualTo(2);
        assertThat(registry.listVersions()).containsExactly(1, 2);
        assertThat(registry.fetch(2).params()).hasSize(100_000);
        Path written = registry.fetch(2).writeTo(dir.resolve("model"));
        assertThat(written.resolve("model.params")).hasSize(100_000);
        assertThat(Files.readAllLines(written.resolve("synset.txt")))
                .containsExactlyElementsOf(RegistryFixtures.CLASSES);
    }

    @Test
    void hides_a_version_without_metadata() {
        registry.publish(PublishRequest.of(RegistryFixtures.draft(), new byte[] {1}));
        int halfWritten = registry.reserveNextVersion();
        put("models/flowers-cnn/" + halfWritten + "/model.params", "half");

        assertThat(halfWritten).isEqualTo(2);
        assertThat(registry.listVersions()).containsExactly(1);
        assertThat(registry.latestVersion()).contains(1);
        assertThat(registry.metadata(halfWritten)).isEmpty();
        assertThatThrownBy(() -> registry.fetch(halfWritten)).isInstanceOf(ModelNotFoundException.class);
        assertThat(registry.reserveNextVersion())
                .as("a half-written number is never handed out again")
                .isEqualTo(3);
    }

    @Test
    void sets_resolves_and_moves_an_alias() {
        registry.publish(PublishRequest.of(RegistryFixtures.draft(), new byte[] {1}));
        registry.publish(PublishRequest.of(RegistryFixtures.draft(), new byte[] {2}));
        assertThat(registry.resolveAlias("champion")).isEmpty();

        registry.setAlias("champion", 1);
        assertThat(registry.resolveAlias("champion")).contains(1);

        registry.setAlias("champion", 2);
        assertThat(registry.resolveAlias("champion")).contains(2);
        assertThat(registry.listVersions()).as("aliases are not versions").containsExactly(1, 2);
    }

    @Test
    void refuses_an_alias_to_a_version_that_is_not_committed() {
        assertThatThrownBy(() -> registry.setAlias("champion", 7))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("version 7");
        assertThatThrownBy(() -> registry.setAlias("Champion!", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuses_to_fetch_parameters_changed_after_publishing() {
        ModelMetadata published = registry.publish(PublishRequest.of(RegistryFixtures.draft(), new byte[] {1, 2, 3}));
        put("models/flowers-cnn/1/model.params", "tampered");

        assertThatThrownBy(() -> registry.fetch(1))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("version 1")
                .hasMessageContaining(published.paramsSha256())
                .hasMessageContaining("republish version 1 or pin another")
                .satisfies(
                        e -> assertThat(((ModelIntegrityException) e).version()).isEqualTo(1));
    }

    @Test
    void reports_a_missing_version_as_not_found() {
        registry.publish(PublishRequest.of(RegistryFixtures.draft(), new byte[] {1}));

        assertThatThrownBy(() -> registry.fetch(9))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("version 9")
                .hasMessageContaining("committed: [1]");
    }

    @Test
    void refuses_to_publish_twice_into_one_version() {
        int version = registry.reserveNextVersion();
        registry.publish(version, PublishRequest.of(RegistryFixtures.draft(), new byte[] {1}));

        assertThatThrownBy(() -> registry.publish(version, PublishRequest.of(RegistryFixtures.draft(), new byte[] {2})))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already published");
        assertThatThrownBy(() -> registry.publish(5, PublishRequest.of(RegistryFixtures.draft(), new byte[] {2})))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never reserved");
    }

    @Test
    void keeps_models_of_different_names_apart() {
        ModelRegistry other = new ModelRegistry(client, registry.bucket(), "flowers-cnn-small");
        registry.publish(PublishRequest.of(RegistryFixtures.draft(), new byte[] {1}));

        assertThat(other.listVersions()).isEmpty();
        assertThat(other.publish(PublishRequest.of(RegistryFixtures.draft(), new byte[] {1}))
                        .version())
                .isEqualTo(1);
        assertThat(registry.listVersions()).containsExactly(1);
    }

    private void put(String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            client.putObject(PutObjectArgs.builder().bucket(registry.bucket()).object(key).stream(
                            new ByteArrayInputStream(bytes), bytes.length, -1)
                    .build());
        } catch (Exception e) {
            throw new IllegalStateException("test setup could not write " + key, e);
        }
    }
}
