package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The first-day bootstrap of docker-compose.yml: a fresh {@code docker compose up} must reach a
 * serving classifier with no hand step, so the one-shot {@code bootstrap} service pushes a labelled
 * sample set that the image build bakes into the ingest image, with more photos of every class
 * than the trainer's minimum.
 */
class BootstrapServiceTest {

    private static final Pattern SAMPLES = Pattern.compile("WriteSyntheticSet\\s+(\\S+)\\s+(\\d+)");
    private static final Pattern SOURCE = Pattern.compile("[a-z]+/src/main/java/\\S+\\.java");

    @Test
    void bootstrap_pushes_the_baked_samples_labelled_by_folder_once_topics_and_ingest_are_up() {
        JsonNode services = DeployFiles.compose().path("services");
        JsonNode bootstrap = services.path("bootstrap");

        assertThat(bootstrap.path("image").asText())
                .isEqualTo(services.path("ingest").path("image").asText());
        assertThat(bootstrap.path("build").path("target").asText()).isEqualTo("ingest");
        assertThat(bootstrap.path("command").toString())
                .isEqualTo("[\"push\",\"--label-from-folder\",\"/app/samples\"]");
        assertThat(bootstrap.path("environment").path("KAFKA_BOOTSTRAP_SERVERS").asText())
                .isEqualTo("kafka:19092");
        assertThat(bootstrap
                        .path("depends_on")
                        .path("kafka-topics")
                        .path("condition")
                        .asText())
                .isEqualTo("service_completed_successfully");
        assertThat(bootstrap.path("depends_on").path("ingest").path("condition").asText())
                .as("the archiver runs inside ingest serve")
                .isEqualTo("service_healthy");
        assertThat(bootstrap.path("restart").asText()).as("a one-shot").isEqualTo("no");
    }

    @Test
    void the_ingest_image_carries_more_samples_of_each_class_than_the_trainer_needs() {
        Map<String, String> stages = DeployFiles.dockerfileStages();
        Matcher samples = SAMPLES.matcher(stages.get("build"));
        assertThat(samples.find()).as("the build stage writes the sample set").isTrue();
        assertThat(stages.get("ingest")).contains("COPY --from=build " + samples.group(1) + "/ /app/samples/");

        int perClass = Integer.parseInt(samples.group(2));
        int minimum = Integer.parseInt(env("TRAIN_MIN_PER_CLASS"));
        assertThat(perClass).as("samples per class against TRAIN_MIN_PER_CLASS").isGreaterThanOrEqualTo(minimum);
        JsonNode trainer =
                DeployFiles.compose().path("services").path("trainer").path("environment");
        assertThat(trainer.path("TRAIN_MIN_PER_CLASS").asText()).isEqualTo("${TRAIN_MIN_PER_CLASS:-20}");
        assertThat(DeployFiles.read(
                        RepoPaths.ROOT.resolve("trainer/src/main/java/io/flowerstream/trainer/cli/ServeCommand.java")))
                .contains("${env:TRAIN_MIN_PER_CLASS:-");
    }

    @Test
    void every_source_file_the_dockerfile_compiles_exists() {
        List<String> missing = new ArrayList<>();
        Matcher m = SOURCE.matcher(DeployFiles.read(RepoPaths.ROOT.resolve("Dockerfile")));
        int found = 0;
        while (m.find()) {
            found++;
            if (!RepoPaths.ROOT.resolve(m.group()).toFile().isFile()) {
                missing.add(m.group());
            }
        }
        assertThat(found).isGreaterThanOrEqualTo(3);
        assertThat(missing).isEmpty();
    }

    private static String env(String name) {
        return DeployFiles.read(RepoPaths.ROOT.resolve(".env"))
                .lines()
                .filter(l -> l.startsWith(name + "="))
                .map(l -> l.substring(name.length() + 1).trim())
                .findFirst()
                .orElseThrow();
    }
}
