package io.flowerstream.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the shared real flower photos ({@code ../shared/datasets}: {@code flowers/}, {@code flowers-extra/},
 * {@code flowers-eval/}, a folder per class) and lists them.
 *
 * <p>The location is the system property {@value #PROPERTY} (Maven's surefire sets it), else the first
 * {@code shared/datasets} found beside the working directory or one of its parents.
 */
public final class SharedDatasets {

    /** System property naming the datasets directory. */
    public static final String PROPERTY = "flowerstream.datasets";
    /** The photos for training, validation, tests and demos. */
    public static final String FLOWERS = "flowers";
    /** More training photos. */
    public static final String FLOWERS_EXTRA = "flowers-extra";
    /** Acceptance photos only: never train, tune or assert on them in tests. */
    public static final String FLOWERS_EVAL = "flowers-eval";

    private SharedDatasets() {}

    /** The datasets directory, if it can be found. */
    public static Optional<Path> root() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Paths.get(configured).toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                return Optional.of(path);
            }
        }
        // Walking up from a module finds <repo>/../shared/datasets at the repository's parent.
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** One set ({@link #FLOWERS}, ...), if present. */
    public static Optional<Path> set(String name) {
        return root().map(r -> r.resolve(name)).filter(Files::isDirectory);
    }

    /** {@code flowers/}, if present. */
    public static Optional<Path> flowers() {
        return set(FLOWERS);
    }

    /** The photos of a set by class folder name, classes and files sorted by name. */
    public static Map<String, List<Path>> photosByClass(Path set) {
        try (Stream<Path> children = Files.list(set)) {
            Map<String, List<Path>> byClass = new TreeMap<>();
            for (Path dir : children.filter(Files::isDirectory).collect(Collectors.toList())) {
                byClass.put(dir.getFileName().toString(), photos(dir));
            }
            return byClass;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the class folders of " + set, e);
        }
    }

    /** Every photo of a set, class by class, each class sorted by name. */
    public static List<Path> allPhotos(Path set) {
        return photosByClass(set).values().stream().flatMap(List::stream).collect(Collectors.toList());
    }

    /** The photos of one class of a set, sorted by name. */
    public static List<Path> photos(Path set, String label) {
        Path dir = set.resolve(label);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no folder '" + label + "' in " + set + ": expected one of "
                    + photosByClass(set).keySet());
        }
        return photos(dir);
    }

    private static List<Path> photos(Path classDir) {
        try (Stream<Path> files = Files.list(classDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(SharedDatasets::isImage)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the photos in " + classDir, e);
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
    }
}
