package io.flowerstream.model.registry;

import io.flowerstream.model.events.EventJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ModelMetadataJsonTest {

    @Test
    void round_trips_through_json_with_camel_case_and_iso_dates() throws Exception {
        ModelMetadata metadata = RegistryFixtures.draft().published(3, "flowers-cnn",
                Instant.parse("2026-11-26T10:15:30Z"), "cd".repeat(32));

        String json = new String(EventJson.writePretty(metadata), java.nio.charset.StandardCharsets.UTF_8);
        ModelMetadata read = EventJson.mapper().readValue(json, ModelMetadata.class);

        assertThat(json).contains("\"createdAt\" : \"2026-11-26T10:15:30Z\"", "\"paramsSha256\"", "\"valAccuracy\"",
                "\"parentVersion\" : null", "\"confusionMatrix\"");
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
}
