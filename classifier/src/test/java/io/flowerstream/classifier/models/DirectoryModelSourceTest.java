package io.flowerstream.classifier.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.model.image.JpegEncoding;
import io.flowerstream.model.profile.InputStatistics;
import io.flowerstream.model.profile.ProfileCounts;
import io.flowerstream.model.registry.ModelMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryModelSourceTest {

    @TempDir
    Path dir;

    @Test
    void serves_a_version_with_the_calibration_and_reference_profile_of_its_metadata() throws Exception {
        DirectoryModelSource source = new DirectoryModelSource(dir);
        ProfileCounts counts = new ProfileCounts();
        counts.add(
                new InputStatistics(320, 240, 0.4, 30, 0.05, 8, new JpegEncoding(90, JpegEncoding.Chroma.S420)),
                1,
                0.7);
        Calibration calibration = new Calibration(1.4, 0.6, "test");
        source.publish(
                3,
                new byte[] {1, 2, 3},
                ModelMetadata.builder()
                        .calibration(calibration)
                        .referenceProfile(counts.toReference())
                        .build());

        VersionFiles files = source.fetch(3);

        assertThat(files.params()).containsExactly(1, 2, 3);
        assertThat(files.calibration()).isEqualTo(calibration);
        assertThat(files.reference().photos()).isEqualTo(1);
    }

    @Test
    void serves_a_version_without_metadata_uncalibrated_and_without_a_profile() throws Exception {
        DirectoryModelSource source = new DirectoryModelSource(dir);
        source.publish(1, new byte[] {9});

        VersionFiles files = source.fetch(1);

        assertThat(files.calibration()).isEqualTo(Calibration.NONE);
        assertThat(files.reference()).isNull();
    }

    @Test
    void refuses_a_version_whose_metadata_cannot_be_read_and_names_the_file() throws Exception {
        DirectoryModelSource source = new DirectoryModelSource(dir);
        source.publish(2, new byte[] {9});
        Files.writeString(dir.resolve("2").resolve("metadata.json"), "{ not json");

        assertThatThrownBy(() -> source.fetch(2))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("metadata.json")
                .hasMessageContaining("uncalibrated");
    }
}
