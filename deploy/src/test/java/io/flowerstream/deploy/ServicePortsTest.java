package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The code is the source of truth for where each service listens; docker-compose, the chart, the
 * Dockerfile and Prometheus' scrape config must agree with it. And every deployment runs the
 * three services only: the archiver is part of {@code ingest serve}.
 */
class ServicePortsTest {

    /** The default ports, as the code has them (checked against the sources below). */
    private static final Map<String, Integer> PORTS = Map.of("ingest", 8081, "classifier", 9402, "trainer", 9403);

    @Test
    void the_ports_here_are_the_codes_defaults() {
        Map<String, Integer> code = new LinkedHashMap<>();
        code.put(
                "ingest",
                number(
                        "ingest/src/main/java/io/flowerstream/ingest/cli/ServeCommand.java",
                        "DEFAULT_HTTP_PORT\\s*=\\s*(\\d+)"));
        code.put(
                "classifier",
                number(
                        "classifier/src/main/java/io/flowerstream/classifier/config/ClassifierConfig.java",
                        "DEFAULT_HTTP_PORT\\s*=\\s*(\\d+)"));
        code.put(
                "trainer",
                number(
                        "trainer/src/main/java/io/flowerstream/trainer/service/TrainerService.java",
                        "DEFAULT_HTTP_PORT\\s*=\\s*(\\d+)"));

        assertThat(code).isEqualTo(PORTS);
    }

    @Test
    void compose_runs_each_service_on_its_port_on_every_interface() {
        JsonNode services = DeployFiles.compose().path("services");
        for (String service : DeployFiles.COMPOSE_SERVICES) {
            JsonNode env = services.path(service).path("environment");
            int port = PORTS.get(service.replace("-gpu", ""));
            assertThat(env.path("HTTP_PORT").asInt())
                    .as("%s HTTP_PORT", service)
                    .isEqualTo(port);
            assertThat(env.path("HTTP_HOST").asText())
                    .as("%s HTTP_HOST", service)
                    .isEqualTo("0.0.0.0");
        }
        assertThat(services.path("ingest").path("ports").toString()).isEqualTo("[\"8081:8081\"]");
        assertThat(services.path("ingest").path("command").toString()).isEqualTo("[\"serve\"]");
    }

    @Test
    void compose_runs_no_separate_archiver() {
        List<String> names = new ArrayList<>();
        DeployFiles.compose().path("services").fieldNames().forEachRemaining(names::add);

        assertThat(names).noneMatch(name -> name.contains("archive"));
    }

    @Test
    void the_chart_runs_each_service_on_its_port_on_every_interface() {
        RenderedChart chart = RenderedChart.render();

        for (String component : PORTS.keySet()) {
            int port = PORTS.get(component);
            assertThat(chart.container(component).getPorts().get(0).getContainerPort())
                    .as(component)
                    .isEqualTo(port);
            assertThat(chart.env(component)).as(component).containsEntry("HTTP_PORT", String.valueOf(port));
            assertThat(chart.one(Service.class, RenderedChart.PREFIX + component)
                            .getSpec()
                            .getPorts()
                            .get(0)
                            .getPort())
                    .as(component)
                    .isEqualTo(port);
        }
        assertThat(chart.one(ConfigMap.class, "fs-flowerstream").getData()).containsEntry("HTTP_HOST", "0.0.0.0");
        assertThat(chart.container("ingest").getArgs()).containsExactly("serve");
        assertThat(chart.objects).noneMatch(o -> o.getMetadata().getName().contains("archive"));
    }

    @Test
    void each_image_sets_its_services_port_and_main_class_and_listens_on_every_interface() {
        Map<String, String> stages = DeployFiles.dockerfileStages();
        Map<String, String> images = Map.of(
                "ingest",
                "ingest",
                "classifier",
                "classifier",
                "classifier-cuda",
                "classifier",
                "trainer",
                "trainer",
                "trainer-cuda",
                "trainer");
        images.forEach((stage, service) -> {
            String body = stages.get(stage);
            Map<String, String> env = DeployFiles.dockerEnv(body);
            int port = PORTS.get(service);
            assertThat(env).as(stage).containsEntry("HTTP_PORT", String.valueOf(port));
            assertThat(body).as(stage).containsPattern("(?m)^EXPOSE " + port + "$");
            // MAIN_CLASS names a class of the service's module that has a main method.
            String mainClass = env.get("MAIN_CLASS");
            Path source = RepoPaths.ROOT.resolve(service + "/src/main/java/" + mainClass.replace('.', '/') + ".java");
            assertThat(source).as("%s MAIN_CLASS %s", stage, mainClass).isRegularFile();
            assertThat(DeployFiles.read(source)).as(mainClass).contains("public static void main(String[] args)");
        });
        assertThat(DeployFiles.dockerEnv(stages.get("runtime"))).containsEntry("HTTP_HOST", "0.0.0.0");
    }

    @Test
    void prometheus_finds_each_service_by_dns_on_its_port() {
        Map<String, Integer> scraped = new LinkedHashMap<>();
        for (JsonNode job : DeployFiles.yaml(RepoPaths.ROOT.resolve("dashboards/prometheus/prometheus.yml"))
                .path("scrape_configs")) {
            JsonNode dns = job.path("dns_sd_configs").get(0);
            assertThat(dns.path("names").toString())
                    .as(job.path("job_name").asText())
                    .isEqualTo("[\"" + job.path("job_name").asText() + "\"]");
            assertThat(dns.path("type").asText()).isEqualTo("A");
            scraped.put(job.path("job_name").asText(), dns.path("port").asInt());
        }
        // The lag exporter (flowerstream lag-exporter), on kafka-exporter's port under its job name.
        assertThat(scraped.remove("kafka-exporter")).isEqualTo(9308);
        assertThat(scraped).isEqualTo(PORTS);
    }

    private static int number(String file, String regex) {
        Path path = RepoPaths.ROOT.resolve(file);
        assertThat(path).isRegularFile();
        Matcher m = Pattern.compile(regex).matcher(DeployFiles.read(path));
        assertThat(m.find()).as("%s in %s", regex, file).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
