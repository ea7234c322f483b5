package io.flowerstream.ingest.push;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the paths given to {@code ingest push} into the files to send: files as they are,
 * folders recursively, in a stable order. Hidden files and folders (a leading dot, such as
 * {@code .DS_Store}) are left out: they are never photos someone meant to push.
 */
public final class FileCollector {

    private FileCollector() {}

    /** Every regular file under {@code paths}; a path that does not exist is an error naming it. */
    public static List<Path> collect(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("no such file or folder: " + path
                        + " (check the path; it is relative to " + Path.of("").toAbsolutePath() + ")");
            }
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(file -> !isHidden(path.relativize(file)))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not list the folder " + path + ": " + e.getMessage(), e);
                }
            } else {
                files.add(path);
            }
        }
        return files;
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
