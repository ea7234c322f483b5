package io.flowerstream.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredictionEventTest {

    @Test
    void round_trips_through_the_json_of_the_design() {
        PredictionEvent event = new PredictionEvent(
                "abc",
                "rose",
                0.75,
                true,
                Map.of("daisy", 0.05f, "dandelion", 0.05f, "rose", 0.75f, "sunflower", 0.1f, "tulip", 0.05f),
                7,
                "2026-11-26T22:00:00Z",
                42);

        String json = new String(event.toJson(), StandardCharsets.UTF_8);

        assertThat(json)
                .contains(
                        "\"imageId\":\"abc\"",
                        "\"label\":\"rose\"",
                        "\"modelVersion\":7",
                        "\"classifiedAt\":\"2026-11-26T22:00:00Z\"",
                        "\"latencyMs\":42",
                        "\"scores\":{",
                        "\"unsure\":true");
        assertThat(PredictionEvent.fromJson(event.toJson())).isEqualTo(event);
    }

    @Test
    void reads_a_prediction_written_before_calibration_as_sure() {
        byte[] older = ("{\"imageId\":\"abc\",\"label\":\"rose\",\"confidence\":0.75,\"scores\":{},"
                        + "\"modelVersion\":3,\"classifiedAt\":\"2026-11-26T22:00:00Z\",\"latencyMs\":5}")
                .getBytes(StandardCharsets.UTF_8);

        PredictionEvent read = PredictionEvent.fromJson(older);

        assertThat(read.unsure()).isFalse();
        assertThat(read.confidence()).isEqualTo(0.75);
    }

    @Test
    void ignores_fields_it_does_not_know_and_names_the_type_on_garbage() {
        byte[] newer = "{\"modelName\":\"flowers-cnn\",\"version\":3,\"aliases\":[\"champion\"],\"shinyNewField\":1}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ModelAnnouncement.fromJson(newer).aliases()).isEqualTo(List.of("champion"));
        assertThatThrownBy(() -> ModelAnnouncement.fromJson("nope".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("ModelAnnouncement");
    }
}
