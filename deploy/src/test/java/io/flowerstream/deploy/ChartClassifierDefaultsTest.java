package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart's classifier batching values are the classifier's own defaults, so a Helm install serves as measured. */
class ChartClassifierDefaultsTest {

    private static final Path COMMAND =
            RepoPaths.ROOT.resolve("classifier/src/main/java/io/flowerstream/classifier/cli/ClassifierCommand.java");

    @Test
    void the_charts_batch_size_and_batch_delay_are_the_classifiers_defaults() {
        JsonNode classifier = DeployFiles.yaml(RepoPaths.ROOT.resolve("helm/flowerstream/values.yaml"))
                .path("classifier");

        assertThat(classifier.path("maxBatchDelayMs").asInt())
                .as("classifier.maxBatchDelayMs against MAX_BATCH_DELAY_MS's default")
                .isEqualTo(codeDefault("MAX_BATCH_DELAY_MS"));
        assertThat(classifier.path("maxBatchSize").asInt())
                .as("classifier.maxBatchSize against MAX_BATCH_SIZE's default")
                .isEqualTo(codeDefault("MAX_BATCH_SIZE"));
    }

    private static int codeDefault(String env) {
        Matcher m = Pattern.compile("env:" + env + ":-(\\d+)").matcher(DeployFiles.read(COMMAND));
        assertThat(m.find()).as("%s's default in %s", env, COMMAND).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
