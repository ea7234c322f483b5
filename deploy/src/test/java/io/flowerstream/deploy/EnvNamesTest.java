package io.flowerstream.deploy;

import static io.flowerstream.deploy.RenderedChart.sets;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable that docker-compose, the Helm chart or the Dockerfile gives a
 * service is one that something in the service reads: a misspelled or renamed variable is
 * otherwise silently ignored and the service runs on its default.
 */
class EnvNamesTest {

    /** Variables read by libraries and runtimes rather than by flowerstream's code, with who reads them. */
    private static final Map<String, String> READ_ELSEWHERE = Map.of(
            "DJL_OFFLINE",
            "DJL",
            "DJL_CACHE_DIR",
            "DJL",
            "ENGINE_CACHE_DIR",
            "DJL",
            "PYTORCH_FLAVOR",
            "DJL",
            "NVIDIA_VISIBLE_DEVICES",
            "the NVIDIA container runtime",
            "NVIDIA_DRIVER_CAPABILITIES",
            "the NVIDIA container runtime");

    private static final String SOURCES = DeployFiles.serviceSources();

    @Test
    void every_variable_compose_gives_a_flowerstream_service_is_read() {
        Map<String, Set<String>> names = new TreeMap<>();
        JsonNode services = DeployFiles.compose().path("services");
        for (String service : DeployFiles.COMPOSE_SERVICES) {
            services.path(service)
                    .path("environment")
                    .fieldNames()
                    .forEachRemaining(name ->
                            names.computeIfAbsent(name, n -> new TreeSet<>()).add("compose " + service));
        }
        assertThat(names).as("compose environments").containsKeys("HTTP_PORT", "HTTP_HOST", "KAFKA_BOOTSTRAP_SERVERS");

        assertThat(unread(names))
                .as("variables docker-compose.yml sets that no service reads")
                .isEmpty();
    }

    @Test
    void every_variable_the_chart_sets_is_read() {
        RenderedChart chart = RenderedChart.render(sets(
                "classifier.canary.enabled",
                true,
                "classifier.canary.model.version",
                8,
                "trainer.gpu.enabled",
                true,
                "classifier.gpu.enabled",
                true,
                "kafka.config.security\\.protocol",
                "SASL_SSL",
                "ingest.tokenSecret.name",
                "flowerstream-ingest"));
        Map<String, Set<String>> names = new TreeMap<>();
        // Every pod the chart renders: Deployments, the classifier's StatefulSet, the topics hook Job, the test Pod.
        Map<String, List<Container>> pods = new TreeMap<>();
        chart.all(Deployment.class)
                .forEach(d -> pods.put(
                        d.getMetadata().getName(),
                        d.getSpec().getTemplate().getSpec().getContainers()));
        chart.all(StatefulSet.class)
                .forEach(d -> pods.put(
                        d.getMetadata().getName(),
                        d.getSpec().getTemplate().getSpec().getContainers()));
        chart.all(Job.class)
                .forEach(d -> pods.put(
                        d.getMetadata().getName(),
                        d.getSpec().getTemplate().getSpec().getContainers()));
        chart.all(Pod.class)
                .forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getContainers()));
        assertThat(pods).containsKeys("fs-flowerstream-classifier", "fs-flowerstream-topics");
        pods.forEach((pod, containers) -> {
            for (Container container : containers) {
                for (EnvVar var : container.getEnv()) {
                    names.computeIfAbsent(var.getName(), n -> new TreeSet<>()).add(pod);
                }
            }
        });
        // The shared ConfigMap reaches every container through envFrom.
        chart.one(ConfigMap.class, "fs-flowerstream")
                .getData()
                .keySet()
                .forEach(name ->
                        names.computeIfAbsent(name, n -> new TreeSet<>()).add("ConfigMap fs-flowerstream"));
        assertThat(names)
                .containsKeys(
                        "HTTP_PORT",
                        "HTTP_HOST",
                        "INGEST_TOKEN",
                        "RETRAIN_EVERY",
                        "KAFKA_SECURITY_PROTOCOL",
                        "GROUP_INSTANCE_ID",
                        "NUM_STANDBY_REPLICAS",
                        "STATE_DIR",
                        "TOPIC_PARTITIONS",
                        "TOPIC_REPLICATION_FACTOR");

        assertThat(unread(names))
                .as("variables the chart sets that no service reads")
                .isEmpty();
    }

    @Test
    void every_variable_the_dockerfile_sets_is_read() {
        Map<String, Set<String>> names = new TreeMap<>();
        DeployFiles.dockerfileStages()
                .forEach((stage, body) -> DeployFiles.dockerEnv(body)
                        .keySet()
                        .forEach(name -> names.computeIfAbsent(name, n -> new TreeSet<>())
                                .add("Dockerfile " + stage)));
        assertThat(names).containsKeys("MAIN_CLASS", "HTTP_PORT", "HTTP_HOST", "JAVA_OPTS");

        assertThat(unread(names))
                .as("variables the Dockerfile sets that nothing reads")
                .isEmpty();
    }

    /** Proves the check can fail: a misspelling and a name nothing reads are caught, real names are not. */
    @Test
    void the_check_knows_read_variables_from_unread_ones() {
        assertThat(isRead("HTTP_PORT")).isTrue();
        assertThat(isRead("INGEST_TOKEN_FILE")).isTrue();
        assertThat(isRead("RETRAIN_MIN_NEW_IMAGES")).isTrue();
        assertThat(isRead("FLOWERSTREAM_LOG_LEVEL")).isTrue();
        assertThat(isRead("KAFKA_SASL_JAAS_CONFIG")).isTrue();
        assertThat(isRead("HTTP_PROT")).isFalse();
        assertThat(isRead("ARCHIVER_ENABLED")).isFalse();
        assertThat(isRead("RETRAIN")).isFalse();
    }

    private static Map<String, Set<String>> unread(Map<String, Set<String>> names) {
        Map<String, Set<String>> unread = new TreeMap<>(names);
        unread.keySet().removeIf(EnvNamesTest::isRead);
        return unread;
    }

    /**
     * Read when the sources look it up by its exact name: picocli's {@code ${env:NAME:-default}},
     * a Java string {@code "NAME"} (map lookups), or a shell or logback {@code ${NAME...}}.
     * Every {@code KAFKA_*} variable is a Kafka client property (platform/.../kafka/KafkaClientConfig).
     */
    static boolean isRead(String name) {
        if (READ_ELSEWHERE.containsKey(name)) {
            return true;
        }
        if (name.startsWith("KAFKA_") && SOURCES.contains("startsWith(\"KAFKA_\")")) {
            return true;
        }
        String quoted = Pattern.quote(name);
        return Pattern.compile("env:" + quoted + "[:}]|\"" + quoted + "\"|\\$\\{" + quoted + "[:}]")
                .matcher(SOURCES)
                .find();
    }
}
