package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of the images without a Docker engine: the targets compose builds exist in
 * the Dockerfile, and compose's wiring (health checks, start order, GPU profile) holds.
 */
class ImageBuildFilesTest {

    private static final Pattern STAGE = Pattern.compile("(?im)^FROM\\s+\\S+\\s+AS\\s+(\\S+)\\s*$");

    @Test
    void every_target_compose_builds_is_a_stage_of_the_dockerfile() throws IOException {
        Set<String> stages = new HashSet<>();
        Matcher matcher = STAGE.matcher(Files.readString(RepoPaths.ROOT.resolve("Dockerfile")));
        while (matcher.find()) {
            stages.add(matcher.group(1));
        }
        assertThat(stages).contains("ingest", "classifier", "trainer", "classifier-cuda", "trainer-cuda");

        for (Map.Entry<String, JsonNode> service : services()) {
            JsonNode build = service.getValue().path("build");
            if (!build.isMissingNode()) {
                assertThat(stages)
                        .as("%s's build target", service.getKey())
                        .contains(build.path("target").asText());
            }
        }
    }

    @Test
    void every_flowerstream_service_is_health_checked_and_waits_for_topics_and_the_bucket_when_it_uses_s3()
            throws IOException {
        List<String> usingS3 = new ArrayList<>();
        for (Map.Entry<String, JsonNode> service : services()) {
            // One-shots (bootstrap) run a command and exit: no server to health-check.
            if (service.getValue().path("build").isMissingNode()
                    || service.getValue().path("restart").asText().equals("no")) {
                continue;
            }
            String name = service.getKey();
            assertThat(service.getValue().path("healthcheck").path("test").toString())
                    .as(name)
                    .contains("io.flowerstream.deploy.HealthCheck");
            JsonNode dependsOn = service.getValue().path("depends_on");
            assertThat(dependsOn.path("kafka-topics").path("condition").asText())
                    .as(name)
                    .isEqualTo("service_completed_successfully");
            // Those that use S3 wait for the bucket too (the lag exporter reads only Kafka).
            if (!service.getValue().path("environment").path("S3_BUCKET").isMissingNode()) {
                assertThat(dependsOn.path("minio-bucket").path("condition").asText())
                        .as(name)
                        .isEqualTo("service_completed_successfully");
                usingS3.add(name);
            }
        }
        assertThat(usingS3).containsAll(DeployFiles.COMPOSE_SERVICES);
    }

    @Test
    void every_dependency_waits_on_a_condition_not_on_start_order() throws IOException {
        for (Map.Entry<String, JsonNode> service : services()) {
            JsonNode dependsOn = service.getValue().path("depends_on");
            assertThat(dependsOn.isArray())
                    .as("%s: depends_on as a list has no conditions", service.getKey())
                    .isFalse();
            dependsOn
                    .fields()
                    .forEachRemaining(dependency -> assertThat(
                                    dependency.getValue().path("condition").asText())
                            .as("%s -> %s", service.getKey(), dependency.getKey())
                            .isIn("service_healthy", "service_completed_successfully"));
        }
    }

    @Test
    void the_gpu_trainer_reserves_an_nvidia_gpu_in_the_gpu_profile_and_the_cpu_one_does_not() throws IOException {
        JsonNode gpu = service("trainer-gpu");
        JsonNode cpu = service("trainer");

        assertThat(gpu.path("profiles").toString()).isEqualTo("[\"gpu\"]");
        JsonNode device = gpu.path("deploy")
                .path("resources")
                .path("reservations")
                .path("devices")
                .get(0);
        assertThat(device.path("driver").asText()).isEqualTo("nvidia");
        assertThat(device.path("capabilities").toString()).contains("gpu");
        assertThat(gpu.path("build").path("target").asText()).isEqualTo("trainer-cuda");
        assertThat(cpu.path("profiles").toString()).isEqualTo("[\"cpu\"]");
        assertThat(cpu.path("deploy").isMissingNode()).isTrue();
        assertThat(Files.readString(RepoPaths.ROOT.resolve(".env"))).contains("COMPOSE_PROFILES=cpu");
    }

    @Test
    void the_classifier_can_be_scaled_so_it_publishes_no_fixed_host_port() throws IOException {
        JsonNode classifier = service("classifier");

        assertThat(classifier.path("ports").isMissingNode()).isTrue();
        assertThat(classifier.path("container_name").isMissingNode()).isTrue();
    }

    private static JsonNode service(String name) throws IOException {
        return compose().path("services").path(name);
    }

    private static Iterable<Map.Entry<String, JsonNode>> services() throws IOException {
        JsonNode services = compose().path("services");
        return () -> {
            Iterator<Map.Entry<String, JsonNode>> fields = services.fields();
            return fields;
        };
    }

    /** The compose file as compose sees it: SnakeYAML resolves its anchors, aliases and merge keys. */
    private static JsonNode compose() throws IOException {
        try (Reader reader = Files.newBufferedReader(RepoPaths.ROOT.resolve("docker-compose.yml"))) {
            Object tree = new Yaml().load(reader);
            return new ObjectMapper().valueToTree(tree);
        }
    }
}
