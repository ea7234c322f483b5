package io.flowerstream.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart's objects of operators' kinds, which fabric8 has no model of: KEDA's
 * {@code ScaledObject} (keda.sh/v1alpha1) and Strimzi's {@code KafkaTopic}
 * (kafka.strimzi.io/v1beta2). Each is read into records holding exactly the fields their
 * documentation lists (keda.sh/docs/2.x/reference/scaledobject-spec and scalers/apache-kafka;
 * strimzi.io/docs KafkaTopicSpec), by a mapper that fails on any other field: a misspelled or
 * invented key fails the test, as the operators' CRD schemas would fail the install. Nothing is
 * downloaded; no schema of either project is published in a Maven artifact.
 */
final class CustomResources {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The kafka scaler's documented metadata keys; KEDA reads every value as a string. */
    static final Set<String> KAFKA_TRIGGER_KEYS = Set.of(
            "bootstrapServers",
            "consumerGroup",
            "topic",
            "lagThreshold",
            "activationLagThreshold",
            "offsetResetPolicy",
            "allowIdleConsumers",
            "excludePersistentLag",
            "scaleToZeroOnInvalidOffset",
            "limitToPartitionsWithLag",
            "ensureEvenDistributionOfPartitions",
            "partitionLimitation",
            "version",
            "sasl",
            "username",
            "password",
            "tls",
            "ca",
            "cert",
            "key",
            "keyPassword",
            "unsafeSsl");

    private CustomResources() {}

    /** One parsed object: its kind, its metadata, and its spec as the matching record. */
    record Resource(String apiVersion, String kind, Metadata metadata, Object spec) {
        ScaledObjectSpec scaledObject() {
            return (ScaledObjectSpec) spec;
        }

        KafkaTopicSpec kafkaTopic() {
            return (KafkaTopicSpec) spec;
        }
    }

    record Metadata(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {}

    record ScaledObjectSpec(
            ScaleTargetRef scaleTargetRef,
            Integer pollingInterval,
            Integer cooldownPeriod,
            Integer initialCooldownPeriod,
            Integer idleReplicaCount,
            Integer minReplicaCount,
            Integer maxReplicaCount,
            Fallback fallback,
            Advanced advanced,
            List<Trigger> triggers) {}

    record ScaleTargetRef(String apiVersion, String kind, String name, String envSourceContainerName) {}

    record Fallback(Integer failureThreshold, Integer replicas, String behavior) {}

    record Advanced(
            Boolean restoreToOriginalReplicaCount,
            Map<String, Object> horizontalPodAutoscalerConfig,
            Map<String, Object> scalingModifiers) {}

    record Trigger(
            String type,
            String name,
            Map<String, Object> metadata,
            AuthenticationRef authenticationRef,
            String metricType,
            Boolean useCachedMetrics) {}

    record AuthenticationRef(String name, String kind) {}

    record KafkaTopicSpec(String topicName, Integer partitions, Integer replicas, Map<String, Object> config) {}

    private record Document(String apiVersion, String kind, Metadata metadata, Map<String, Object> spec) {}

    /** Whether {@code document} is of a kind parsed here rather than by fabric8. */
    static boolean handles(String document) {
        Map<String, Object> map = new Yaml().load(document);
        Object apiVersion = map.get("apiVersion");
        return "keda.sh/v1alpha1".equals(apiVersion) || "kafka.strimzi.io/v1beta2".equals(apiVersion);
    }

    /** Parses a document of a handled kind; throws, naming the field, where it holds an undocumented one. */
    static Resource parse(String document) {
        Document doc = STRICT.convertValue(new Yaml().load(document), Document.class);
        return switch (doc.kind()) {
            case "ScaledObject" -> new Resource(doc.apiVersion(), doc.kind(), doc.metadata(), scaledObject(doc.spec()));
            case "KafkaTopic" ->
                new Resource(
                        doc.apiVersion(),
                        doc.kind(),
                        doc.metadata(),
                        STRICT.convertValue(doc.spec(), KafkaTopicSpec.class));
            default -> throw new IllegalArgumentException("unexpected kind " + doc.kind() + " in " + doc.apiVersion());
        };
    }

    private static ScaledObjectSpec scaledObject(Map<String, Object> spec) {
        ScaledObjectSpec parsed = STRICT.convertValue(spec, ScaledObjectSpec.class);
        for (Trigger trigger : parsed.triggers()) {
            if (!"kafka".equals(trigger.type())) {
                continue;
            }
            trigger.metadata().forEach((key, value) -> {
                if (!KAFKA_TRIGGER_KEYS.contains(key)) {
                    throw new IllegalArgumentException(
                            "kafka trigger metadata key '" + key + "' is not one KEDA documents");
                }
                if (!(value instanceof String)) {
                    throw new IllegalArgumentException("kafka trigger metadata '" + key + "' is " + value + " ("
                            + value.getClass().getSimpleName() + "): KEDA wants every value as a string");
                }
            });
        }
        return parsed;
    }
}
