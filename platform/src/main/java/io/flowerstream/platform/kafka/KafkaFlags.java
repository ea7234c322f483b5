package io.flowerstream.platform.kafka;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The broker flag every command that talks to Kafka takes (a picocli mixin), written once: the
 * flag wins over {@code KAFKA_BOOTSTRAP_SERVERS}, and every other {@code KAFKA_*} variable passes
 * through as a client property (see {@link KafkaClientConfig}).
 */
public final class KafkaFlags {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Kafka brokers (env KAFKA_BOOTSTRAP_SERVERS; default " + KafkaClientConfig.DEFAULT_BOOTSTRAP
                    + "); other KAFKA_* variables pass through as client properties (SASL, SSL)")
    String bootstrapServers;

    /** The {@code --bootstrap-servers} flag as given, or null. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The client settings: this flag over {@code env}'s {@code KAFKA_*} variables. */
    public KafkaClientConfig config(Map<String, String> env) {
        return KafkaClientConfig.fromEnv(env, bootstrapServers);
    }
}
