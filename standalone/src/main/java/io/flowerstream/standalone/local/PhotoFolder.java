package io.flowerstream.standalone.local;

import io.flowerstream.contracts.FlowerClasses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder of labelled photos in the seed's layout (one sub-folder per class), split into the
 * part that is ingested with labels for training and the part held back and streamed later as
 * unlabelled traffic whose true labels follow on {@code flowers.feedback}.
 *
 * <p>The split is by file name hash, so it is the same on every start.
 */
public final class PhotoFolder {

    /** One photo and its true label. */
    public record Photo(Path path, String label) {}

    private final List<Photo> labelled = new ArrayList<>();
    private final List<Photo> heldBack = new ArrayList<>();

    private PhotoFolder() {}

    /**
     * Reads {@code dir}; every {@code heldBackEvery}-th photo by hash is held back, and at most
     * {@code perClass} photos per class are used (0: all).
     */
    public static PhotoFolder read(Path dir, int heldBackEvery, int perClass) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "--images " + dir + " is not a folder: give a folder with one sub-folder per class ("
                            + String.join(", ", FlowerClasses.NAMES) + ")");
        }
        PhotoFolder folder = new PhotoFolder();
        int classes = 0;
        for (String label : FlowerClasses.NAMES) {
            Path classDir = findClassDir(dir, label);
            if (classDir == null) {
                continue;
            }
            classes++;
            List<Path> files = list(classDir);
            if (perClass > 0 && files.size() > perClass) {
                files = files.subList(0, perClass);
            }
            for (Path file : files) {
                Photo photo = new Photo(file, label);
                if (Math.floorMod(file.getFileName().toString().hashCode(), heldBackEvery) == 0) {
                    folder.heldBack.add(photo);
                } else {
                    folder.labelled.add(photo);
                }
            }
        }
        if (classes == 0 || folder.labelled.isEmpty()) {
            throw new IllegalArgumentException(
                    "--images " + dir + " has no photos in class folders: expected sub-folders named "
                            + String.join(", ", FlowerClasses.NAMES) + " holding .jpg or .png files");
        }
        return folder;
    }

    /** Photos to ingest with their labels. */
    public List<Photo> labelled() {
        return List.copyOf(labelled);
    }

    /** Photos to stream unlabelled, their labels sent later as feedback. */
    public List<Photo> heldBack() {
        return List.copyOf(heldBack);
    }

    private static Path findClassDir(Path dir, String label) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory)
                    .filter(p ->
                            label.equals(FlowerClasses.normalise(p.getFileName().toString())))
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static List<Path> list(Path classDir) {
        try (Stream<Path> files = Files.list(classDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classDir, e);
        }
    }
}
