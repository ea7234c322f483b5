package io.flowerstream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    void the_producer_is_idempotent_acks_all_uncompressed_and_sized_for_the_largest_image() {
        Properties props = ProducerSettings.forImages(KafkaClientConfig.of("127.0.0.1:1"), Duration.ofSeconds(15), "t");

        assertThat(props)
                .containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all")
                .containsEntry("compression.type", "none")
                .containsEntry("max.request.size", String.valueOf(Topics.MAX_MESSAGE_BYTES))
                .containsEntry("max.block.ms", "15000");
        long delivery = Long.parseLong(props.getProperty("delivery.timeout.ms"));
        assertThat(delivery)
                .isGreaterThanOrEqualTo(Long.parseLong(props.getProperty("request.timeout.ms")) + 5)
                .isLessThanOrEqualTo(30_000);
    }

    @Test
    void kafka_variables_pass_through_to_the_producer() {
        KafkaClientConfig kafka =
                KafkaClientConfig.fromEnv(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"), "broker:9093");

        assertThat(ProducerSettings.forImages(kafka, Duration.ofSeconds(5), "t"))
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("bootstrap.servers", "broker:9093");
    }
}
