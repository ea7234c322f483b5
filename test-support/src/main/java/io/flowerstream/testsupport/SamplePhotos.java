package io.flowerstream.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The small set of real flower photos committed with the tests, so that every test runs on a fresh
 * clone with nothing beside it: the first {@value #PER_CLASS} photos of each of the five classes of
 * {@code ../shared/datasets/flowers}, at most {@value #MAX_SIDE} px on the long side, each credited
 * (CC-BY 2.0) in {@value #ATTRIBUTION} beside them.
 *
 * <p>The photos live on the class path under {@value #RESOURCE_DIR}; {@link #folder()} copies them
 * once per JVM into a temporary folder in the layout a user points the tools at (a folder per
 * class), because the services under test read files, not class path resources.
 */
public final class SamplePhotos {

    /** Where the photos and their credits are on the class path. */
    public static final String RESOURCE_DIR = "io/flowerstream/testsupport/photos/";
    /** The credit list: one line per photo, its path first; it is also the list of photos. */
    public static final String ATTRIBUTION = "ATTRIBUTION.txt";
    /** Photos of each class. */
    public static final int PER_CLASS = 10;
    /** The longest side of any photo, in pixels. */
    public static final int MAX_SIDE = 200;

    private static Path folder;

    private SamplePhotos() {}

    /** A folder per class ({@code daisy/}, ...) holding the photos; created on first use, deleted at exit. */
    public static synchronized Path folder() {
        if (folder == null) {
            folder = extract();
        }
        return folder;
    }

    /** The photos by class folder name, classes and files sorted by name. */
    public static Map<String, List<Path>> byClass() {
        return SharedDatasets.photosByClass(folder());
    }

    /** The photos of one class, sorted by name. */
    public static List<Path> photos(String label) {
        return SharedDatasets.photos(folder(), label);
    }

    /** Every photo, class by class. */
    public static List<Path> all() {
        return SharedDatasets.allPhotos(folder());
    }

    /** Each photo's credit line, by its path in the folder ({@code daisy/100080576_f52e8ee070_n.jpg}). */
    public static Map<String, String> credits() {
        Map<String, String> credits = new LinkedHashMap<>();
        for (String line : resourceText(ATTRIBUTION).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            credits.put(space < 0 ? trimmed : trimmed.substring(0, space), trimmed);
        }
        return credits;
    }

    private static Path extract() {
        try {
            Path dir = Files.createTempDirectory("flowerstream-sample-photos-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "delete-sample-photos"));
            for (String photo : credits().keySet()) {
                Path target = dir.resolve(photo);
                Files.createDirectories(target.getParent());
                try (InputStream in = resource(photo)) {
                    Files.copy(in, target);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not copy the sample photos out of the class path into a temporary folder: check that "
                            + "java.io.tmpdir is writable and has room",
                    e);
        }
    }

    private static String resourceText(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE_DIR + name + " from the class path", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = SamplePhotos.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name);
        if (in == null) {
            throw new IllegalStateException(RESOURCE_DIR + name + " is not on the class path: it is listed in "
                    + ATTRIBUTION + " but missing from test-support's resources; rebuild test-support");
        }
        return in;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
