package io.flowerstream.ingest.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ingest image's classpath: the list the build writes to {@code target/classpath.txt}, which
 * {@code docker/collect-libs.sh} copies into the image's {@code lib/}. Ingest never runs the network,
 * so neither DJL nor the PyTorch natives may be on it, nor any test jar.
 */
class IngestClasspathTest {

    private static final Path CLASSPATH = Path.of("target", "classpath.txt");

    @Test
    void the_ingest_image_classpath_carries_no_djl_or_pytorch_jar_and_no_test_jar() throws IOException {
        assertThat(CLASSPATH)
                .as("the build writes %s before the tests (ingest/pom.xml, runtime-classpath)", CLASSPATH)
                .exists();
        List<String> entries = Arrays.stream(Files.readString(CLASSPATH).trim().split(java.io.File.pathSeparator))
                .filter(e -> !e.isBlank())
                .toList();

        // The list is the real one: ingest's own dependencies are on it.
        assertThat(entries).anyMatch(e -> e.contains("kafka-clients"));
        assertThat(entries).anyMatch(e -> e.contains("minio"));
        assertThat(entries)
                .as("DJL or PyTorch on ingest's runtime classpath")
                .noneMatch(e -> e.replace('\\', '/').contains("/ai/djl/"))
                .noneMatch(e -> Path.of(e).getFileName().toString().startsWith("pytorch-"));
        assertThat(entries)
                .as("a test jar on ingest's runtime classpath")
                .noneMatch(e -> e.endsWith("-tests.jar") || e.endsWith("/test-classes"));
    }
}
