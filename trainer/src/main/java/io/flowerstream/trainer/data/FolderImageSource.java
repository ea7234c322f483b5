package io.flowerstream.trainer.data;

import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.ids.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Labelled photos in folders on disk, one sub-folder per class ({@code daisy/}, {@code rose/}, ...):
 * the layout of the shared datasets, for benchmark runs and {@code trainer evaluate} without S3.
 * Folders that are not class names are ignored.
 */
public final class FolderImageSource implements ImageSource {

    private final List<Path> roots;

    /** Photos under every one of {@code roots}. */
    public FolderImageSource(List<Path> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException(
                    "no image folders given: pass at least one folder with a sub-folder per class");
        }
        this.roots = List.copyOf(roots);
    }

    @Override
    public List<LabelledImage> list() throws IOException {
        List<LabelledImage> images = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new IOException(
                        "image folder " + root + " does not exist: give a folder with a sub-folder per class");
            }
            for (String label : FlowerClasses.NAMES) {
                Path dir = root.resolve(label);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file :
                            files.filter(FolderImageSource::isPhoto).sorted().toList()) {
                        images.add(new LabelledImage(file.toString(), label, Sha256.hex(Files.readAllBytes(file))));
                    }
                }
            }
        }
        if (images.isEmpty()) {
            throw new IOException("no photos under " + roots + ": expected sub-folders named "
                    + String.join(", ", FlowerClasses.NAMES) + " holding .jpg or .png files");
        }
        return images;
    }

    @Override
    public byte[] read(LabelledImage image) throws IOException {
        return Files.readAllBytes(Path.of(image.key()));
    }

    @Override
    public String describe() {
        return "folders " + roots;
    }

    private static boolean isPhoto(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png"));
    }
}
