package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One naming and tag scheme for the images this repository builds, everywhere they are named:
 * {@code flowerstream/<ingest|classifier|trainer>:<version>}, and {@code <version>-cuda} for the GPU
 * variants, where the version is the Helm chart's appVersion and {@code FLOWERSTREAM_TAG} in .env.
 * And every third-party image pinned to a release tag, never {@code latest}.
 */
class ImageNamesTest {

    private static final Pattern OWN_IMAGE =
            Pattern.compile("flowerstream/(ingest|classifier|trainer):([A-Za-z0-9._${}:?-]+)");
    private static final List<String> SERVICES = List.of("ingest", "classifier", "trainer");

    @Test
    void env_tag_and_chart_app_version_are_one_version() {
        assertThat(env().get("FLOWERSTREAM_TAG")).isEqualTo(appVersion());
    }

    @Test
    void compose_names_each_built_image_after_its_target_with_the_env_tag() {
        JsonNode services = DeployFiles.compose().path("services");
        int built = 0;
        for (String name : DeployFiles.COMPOSE_SERVICES) {
            JsonNode service = services.path(name);
            String target = service.path("build").path("target").asText();
            boolean cuda = target.endsWith("-cuda");
            String expected = "flowerstream/" + target.replace("-cuda", "")
                    + ":${FLOWERSTREAM_TAG:?set FLOWERSTREAM_TAG in .env}" + (cuda ? "-cuda" : "");
            assertThat(service.path("image").asText())
                    .as("%s (target %s)", name, target)
                    .isEqualTo(expected);
            built++;
        }
        assertThat(built).isEqualTo(4);
    }

    @Test
    void the_dockerfile_header_tags_each_target_with_the_version_and_cuda_suffix() {
        Matcher m = Pattern.compile("(?m)^#\\s+docker build --target (\\S+)\\s+-t (\\S+) \\.$")
                .matcher(DeployFiles.read(RepoPaths.ROOT.resolve("Dockerfile")));
        Map<String, String> tags = new LinkedHashMap<>();
        while (m.find()) {
            tags.put(m.group(1), m.group(2));
        }
        String v = appVersion();
        assertThat(tags)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "ingest", "flowerstream/ingest:" + v,
                        "classifier", "flowerstream/classifier:" + v,
                        "trainer", "flowerstream/trainer:" + v,
                        "classifier-cuda", "flowerstream/classifier:" + v + "-cuda",
                        "trainer-cuda", "flowerstream/trainer:" + v + "-cuda"));
    }

    @Test
    void the_chart_builds_the_same_names_from_its_values() {
        JsonNode image =
                DeployFiles.yaml(RepoPaths.CHART.resolve("values.yaml")).path("image");
        assertThat(image.path("repository").asText()).isEqualTo("flowerstream");
        assertThat(image.path("tag").asText())
                .as("empty: the chart's appVersion")
                .isEmpty();
        String helpers = DeployFiles.read(RepoPaths.CHART.resolve("templates/_helpers.tpl"));
        assertThat(helpers)
                .contains("default .root.Chart.AppVersion $image.tag")
                .contains("printf \"%s-cuda\" $tag")
                .contains("printf \"%s/%s\" $image.repository .component");
    }

    @Test
    void the_docs_name_every_cpu_and_cuda_image_with_the_version() {
        String docs = DeployFiles.read(RepoPaths.ROOT.resolve("docs/deploy.md"));
        String v = appVersion();
        for (String service : SERVICES) {
            assertThat(docs).contains("`flowerstream/" + service + ":" + v + "`");
        }
        assertThat(docs).contains("`flowerstream/classifier:" + v + "-cuda`", "`flowerstream/trainer:" + v + "-cuda`");
    }

    @Test
    void no_file_names_one_of_our_images_with_another_tag() {
        String v = appVersion();
        List<String> wrong = new ArrayList<>();
        for (String file : List.of(
                "Dockerfile",
                "docker-compose.yml",
                "README.md",
                "docs/deploy.md",
                "helm/flowerstream/README.md",
                "helm/flowerstream/values.yaml")) {
            Matcher m = OWN_IMAGE.matcher(DeployFiles.read(RepoPaths.ROOT.resolve(file)));
            while (m.find()) {
                String tag = m.group(2).replaceAll("[.:]$", "");
                boolean ok = tag.equals(v)
                        || tag.equals(v + "-cuda")
                        || tag.startsWith("${FLOWERSTREAM_TAG")
                        || tag.equals("<version>")
                        || tag.equals("<version>-cuda");
                if (!ok) {
                    wrong.add(file + ": " + m.group());
                }
            }
        }
        assertThat(wrong)
                .as("image names off the scheme flowerstream/<service>:%s[-cuda]", v)
                .isEmpty();
    }

    @Test
    void every_third_party_image_is_pinned_to_a_release_tag_never_latest() {
        Map<String, String> env = env();
        List<String> images = new ArrayList<>();
        for (String key :
                List.of("KAFKA_IMAGE", "MINIO_IMAGE", "MINIO_MC_IMAGE", "PROMETHEUS_IMAGE", "GRAFANA_IMAGE")) {
            assertThat(env).containsKey(key);
            images.add(env.get(key));
        }
        Matcher args = Pattern.compile("(?m)^ARG (?:JDK|JRE)_IMAGE=(\\S+)$")
                .matcher(DeployFiles.read(RepoPaths.ROOT.resolve("Dockerfile")));
        while (args.find()) {
            images.add(args.group(1));
        }
        assertThat(images).hasSize(7);
        for (String image : images) {
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertThat(image).as("pinned: %s", image).contains(":");
            assertThat(tag).as(image).isNotEqualTo("latest").matches(".*\\d.*");
        }
        // Temurin: one patch release, not the moving major tag.
        assertThat(images.subList(5, 7)).allMatch(i -> i.matches("eclipse-temurin:\\d+\\.\\d+\\.\\d+_\\d+-(jdk|jre)"));
        // MinIO publishes only on quay.io now, with dated RELEASE tags.
        assertThat(env.get("MINIO_IMAGE"))
                .matches("quay\\.io/minio/minio:RELEASE\\.\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z");
        assertThat(env.get("MINIO_MC_IMAGE"))
                .matches("quay\\.io/minio/mc:RELEASE\\.\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z");
        // Compose takes every third-party image from .env.
        JsonNode services = DeployFiles.compose().path("services");
        services.fields().forEachRemaining(service -> {
            if (service.getValue().path("build").isMissingNode()) {
                assertThat(service.getValue().path("image").asText())
                        .as(service.getKey())
                        .matches("\\$\\{[A-Z_]+_IMAGE:\\?.*\\}");
            }
        });
    }

    private static String appVersion() {
        return DeployFiles.yaml(RepoPaths.CHART.resolve("Chart.yaml"))
                .path("appVersion")
                .asText();
    }

    private static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line :
                DeployFiles.read(RepoPaths.ROOT.resolve(".env")).lines().toList()) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return env;
    }
}
