package io.flowerstream.platform.kafka;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client properties built from the environment (docs/design.md, "Configuration"): every
 * {@code KAFKA_*} variable passes through as a client property ({@code KAFKA_SASL_JAAS_CONFIG}
 * becomes {@code sasl.jaas.config}), so SASL and SSL settings need no code of ours.
 */
public final class KafkaClientConfig {

    /** The standalone broker's address: the default for every service. */
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    // Variables of Kafka's own start scripts, not client properties.
    private static final Set<String> NOT_CLIENT_PROPERTIES = Set.of(
            "KAFKA_HEAP_OPTS",
            "KAFKA_OPTS",
            "KAFKA_JVM_PERFORMANCE_OPTS",
            "KAFKA_LOG4J_OPTS",
            "KAFKA_JMX_OPTS",
            "KAFKA_DEBUG",
            "KAFKA_GC_LOG_OPTS");

    private final Map<String, String> properties;

    private KafkaClientConfig(Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
    }

    /**
     * Properties from {@code env}'s {@code KAFKA_*} variables; {@code bootstrapServers}, where
     * not null (a {@code --bootstrap-servers} flag), wins over {@code KAFKA_BOOTSTRAP_SERVERS}.
     */
    public static KafkaClientConfig fromEnv(Map<String, String> env, String bootstrapServers) {
        Map<String, String> props = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_") && !NOT_CLIENT_PROPERTIES.contains(name) && value != null) {
                props.put(
                        name.substring("KAFKA_".length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.'),
                        value);
            }
        });
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            props.put("bootstrap.servers", bootstrapServers);
        }
        props.putIfAbsent("bootstrap.servers", DEFAULT_BOOTSTRAP);
        return new KafkaClientConfig(props);
    }

    /** Just a broker address, nothing else (tests, the standalone pipeline). */
    public static KafkaClientConfig of(String bootstrapServers) {
        return fromEnv(Map.of(), bootstrapServers);
    }

    /** The broker address. */
    public String bootstrapServers() {
        return properties.get("bootstrap.servers");
    }

    /** A fresh copy of the properties, for a client to add its own to. */
    public Properties toProperties() {
        Properties props = new Properties();
        props.putAll(properties);
        return props;
    }

    /** The properties with every secret replaced by {@code [hidden]}, safe to log. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((k, v) -> shown.put(k, isSecret(k) ? "[hidden]" : v));
        return shown.toString();
    }

    /** Whether a property holds a secret: passwords, JAAS lines (they carry passwords), keys. */
    public static boolean isSecret(String property) {
        String p = property.toLowerCase(Locale.ROOT);
        return p.contains("password")
                || p.contains("jaas")
                || p.contains("secret")
                || p.endsWith(".key")
                || p.contains("credentials")
                || p.contains("token");
    }
}
