package io.flowerstream.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {

    @Test
    void passes_kafka_variables_through_as_client_properties() {
        Properties props = KafkaClientConfig.fromEnv(
                        Map.of(
                                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                                "KAFKA_SASL_JAAS_CONFIG",
                                        "org.apache.kafka.common.security.scram.ScramLoginModule required "
                                                + "username=\"u\" password=\"hunter2\";",
                                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.jks",
                                "KAFKA_HEAP_OPTS", "-Xmx1g",
                                "PATH", "/usr/bin"),
                        "broker:9093")
                .toProperties();

        assertThat(props)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsKey("sasl.jaas.config")
                .doesNotContainKey("heap.opts")
                .hasSize(5);
    }

    @Test
    void the_flag_wins_over_the_variable_and_the_default_is_the_standalone_broker() {
        assertThat(KafkaClientConfig.fromEnv(Map.of("KAFKA_BOOTSTRAP_SERVERS", "a:1"), null)
                        .bootstrapServers())
                .isEqualTo("a:1");
        assertThat(KafkaClientConfig.fromEnv(Map.of("KAFKA_BOOTSTRAP_SERVERS", "a:1"), "b:2")
                        .bootstrapServers())
                .isEqualTo("b:2");
        assertThat(KafkaClientConfig.fromEnv(Map.of(), null).bootstrapServers()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void never_shows_a_secret_when_printed() {
        KafkaClientConfig config = KafkaClientConfig.fromEnv(
                Map.of(
                        "KAFKA_SASL_JAAS_CONFIG", "... password=\"hunter2\";",
                        "KAFKA_SSL_KEYSTORE_PASSWORD", "s3cr3t-store"),
                null);

        assertThat(config.toString())
                .doesNotContain("hunter2")
                .doesNotContain("s3cr3t-store")
                .contains("[hidden]");
    }
}
