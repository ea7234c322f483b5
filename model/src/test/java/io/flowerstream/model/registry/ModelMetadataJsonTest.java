package io.flowerstream.model.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.events.EventJson;
import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.model.profile.ProfilePart;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModelMetadataJsonTest {

    @Test
    void round_trips_through_json_with_camel_case_and_iso_dates() throws Exception {
        ModelMetadata metadata = RegistryFixtures.draft()
                .published(3, "flowers-cnn", Instant.parse("2026-11-26T10:15:30Z"), "cd".repeat(32));

        String json = new String(EventJson.writePretty(metadata), java.nio.charset.StandardCharsets.UTF_8);
        ModelMetadata read = EventJson.mapper().readValue(json, ModelMetadata.class);

        assertThat(json)
                .contains(
                        "\"createdAt\" : \"2026-11-26T10:15:30Z\"",
                        "\"paramsSha256\"",
                        "\"valAccuracy\"",
                        "\"parentVersion\" : null",
                        "\"confusionMatrix\"");
        assertThat(read).usingRecursiveComparison().isEqualTo(metadata);
    }

    @Test
    void ignores_fields_it_does_not_know() throws Exception {
        String json = "{\"version\":4,\"modelName\":\"flowers-cnn\",\"classes\":[\"daisy\"],"
                + "\"someFutureField\":{\"nested\":true},\"paramsSha256\":\"00\"}";

        ModelMetadata read = EventJson.mapper().readValue(json, ModelMetadata.class);

        assertThat(read.version()).isEqualTo(4);
        assertThat(read.classes()).containsExactly("daisy");
        assertThat(read.history()).isEmpty();
        assertThat(read.parentVersion()).isNull();
    }

    @Test
    void keeps_the_calibration_and_reference_profile_of_a_version() throws Exception {
        ModelMetadata metadata = RegistryFixtures.draft().published(5, "flowers-cnn", Instant.EPOCH, "00");

        ModelMetadata read = EventJson.read(EventJson.write(metadata), ModelMetadata.class);

        assertThat(read.servingCalibration())
                .isEqualTo(new Calibration(1.7, 0.55, "target precision 0.90 on validation"));
        assertThat(read.referenceProfile().photos()).isEqualTo(2);
        assertThat(read.referenceProfile().counts(ProfilePart.PREDICTION)).containsExactly(0, 0, 1, 0, 1);
        assertThat(read.referenceProfile().counts(ProfilePart.JPEG_QUALITY)).containsExactly(1, 0, 0, 0, 0, 0, 1, 0);
        assertThat(read.referenceProfile().counts(ProfilePart.CHROMA)).containsExactly(1, 0, 0, 0, 1, 0);
    }

    @Test
    void serves_a_version_published_before_calibration_with_its_scores_unchanged_and_nothing_unsure() {
        byte[] older = "{\"version\":2,\"modelName\":\"flowers-cnn\",\"paramsSha256\":\"00\"}".getBytes();

        ModelMetadata read = EventJson.read(older, ModelMetadata.class);

        assertThat(read.calibration()).isNull();
        assertThat(read.referenceProfile()).isNull();
        assertThat(read.servingCalibration()).isEqualTo(Calibration.NONE);
        assertThat(read.servingCalibration().temperature()).isEqualTo(1.0);
        assertThat(read.servingCalibration().isUnsure(0.21)).isFalse();
    }
}
