package io.flowerstream.standalone.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.FlowerClasses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool the container build runs to bake the bootstrap sample set into the ingest image. */
class WriteSyntheticSetTest {

    @TempDir
    Path dir;

    @Test
    void writes_the_asked_number_of_decodable_jpegs_in_a_folder_per_class() throws IOException {
        int code = WriteSyntheticSet.run(new String[] {dir.toString(), "3"}, quiet(), quiet());

        assertThat(code).isZero();
        for (String label : FlowerClasses.NAMES) {
            try (Stream<Path> files = Files.list(dir.resolve(label))) {
                assertThat(files.toList()).hasSize(3).allSatisfy(f -> {
                    assertThat(f.getFileName().toString())
                            .startsWith("synthetic-" + label)
                            .endsWith(".jpg");
                    assertThat(ImageIO.read(f.toFile())).isNotNull();
                });
            }
        }
    }

    @Test
    void a_wrong_call_prints_the_usage_and_exits_2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = WriteSyntheticSet.run(
                new String[] {dir.toString(), "many"}, quiet(), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("PER_CLASS must be a whole number", "Usage:");
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
