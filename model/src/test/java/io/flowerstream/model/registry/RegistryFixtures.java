package io.flowerstream.model.registry;

import io.flowerstream.embedded.EmbeddedS3;
import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.model.image.JpegEncoding;
import io.flowerstream.model.profile.InputStatistics;
import io.flowerstream.model.profile.ProfileCounts;
import io.flowerstream.model.profile.ReferenceProfile;
import io.flowerstream.platform.s3.S3Settings;
import io.minio.MinioClient;
import java.util.List;
import java.util.Map;

/** Sample metadata and clients for the registry tests. */
final class RegistryFixtures {

    static final List<String> CLASSES = List.of("daisy", "dandelion", "rose", "sunflower", "tulip");

    private RegistryFixtures() {}

    static MinioClient client(EmbeddedS3 s3) {
        return new S3Settings(s3.endpoint(), s3.accessKey(), s3.secretKey(), "unused").newClient();
    }

    static ReferenceProfile profile() {
        ProfileCounts counts = new ProfileCounts();
        counts.add(
                new InputStatistics(320, 240, 0.45, 38.0, 0.05, 9, new JpegEncoding(92, JpegEncoding.Chroma.S420)),
                2,
                0.8);
        counts.add(new InputStatistics(500, 333, 0.61, 55.0, -0.02, 14, JpegEncoding.UNKNOWN), 4, 0.35);
        return counts.toReference();
    }

    static ModelMetadata draft() {
        return ModelMetadata.builder()
                .parentVersion(null)
                .classes(CLASSES)
                .inputShape(List.of(3, 150, 150))
                .architecture("flowers-cnn-seed")
                .epoch(new ModelMetadata.Epoch(1, 1.52, 0.31, 1.40, 0.38, 0.001))
                .epoch(new ModelMetadata.Epoch(2, 1.21, 0.47, 1.18, 0.50, 0.001))
                .validation(new ModelMetadata.Validation(
                        0.5, 1.18, Map.of("rose", new ModelMetadata.ClassMetrics(0.4, 0.6)), new int[][] {
                            {3, 1, 0, 0, 1}, {0, 4, 1, 0, 0}, {1, 0, 3, 0, 1}, {0, 1, 0, 4, 0}, {1, 0, 1, 0, 3}
                        }))
                .datasetManifest(new ModelMetadata.DatasetManifest(1500, "ab".repeat(32)))
                .device("cpu()")
                .trainingTimeSeconds(42.5)
                .promoted(true, "first model")
                .calibration(new Calibration(1.7, 0.55, "target precision 0.90 on validation"))
                .referenceProfile(profile())
                .build();
    }
}
