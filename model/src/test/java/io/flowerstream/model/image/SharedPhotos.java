package io.flowerstream.model.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the shared real photos ({@code datasets/flowers}) for tests and benchmarks: from the
 * {@code flowerstream.datasets} property that surefire sets, else {@code ../shared/datasets}
 * beside the repository root.
 */
public final class SharedPhotos {

    private SharedPhotos() {
    }

    /** The {@code flowers} folder, if it exists on this machine. */
    public static Optional<Path> flowersFolder() {
        String property = System.getProperty("flowerstream.datasets");
        Path datasets = property != null ? Path.of(property) : repositoryRoot().resolve("../shared/datasets");
        Path flowers = datasets.resolve("flowers").normalize();
        return Files.isDirectory(flowers) ? Optional.of(flowers) : Optional.empty();
    }

    /** Every {@code .jpg} under {@code folder}, sorted for stable order. */
    public static List<Path> jpegsUnder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".jpg")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the photos under " + folder, e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw"))) {
                return p;
            }
        }
        return dir;
    }
}
