package io.flowerstream.trainer.shift;

import io.flowerstream.model.image.ImageDecoder;
import io.flowerstream.model.image.ImageRejectedException;
import io.flowerstream.model.shift.SourceShift;
import io.flowerstream.trainer.data.FolderImageSource;
import io.flowerstream.trainer.data.LabelledImage;
import io.flowerstream.trainer.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the source-shift benchmark's photo sets: from a folder with a sub-folder per class, one copy
 * per {@link SourceShift} under {@code <out>/<shift>/<class>/}, each photo decoded upright once and
 * re-encoded with the shift applied, so that every set holds the same photos and differs only by the
 * shift. Photos that do not decode are left out of every set and logged.
 */
public final class ShiftedSetBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ShiftedSetBuilder.class);

    private final ImageDecoder decoder = new ImageDecoder();

    /** Writes the sets from every photo of {@code source}; returns the photos written per shift. */
    public Map<SourceShift, Integer> build(Path source, Path out, List<SourceShift> shifts) throws IOException {
        return build(List.of(source), null, out, shifts);
    }

    /**
     * Writes the sets from the photos of {@code sources} on side {@code split} of the trainer's split
     * (null: all), a photo held by several of the folders once; returns the photos written per shift.
     * The validation side of the training folders is what augmentations are chosen on.
     */
    public Map<SourceShift, Integer> build(List<Path> sources, Split split, Path out, List<SourceShift> shifts)
            throws IOException {
        Set<String> seen = new HashSet<>();
        List<LabelledImage> photos = new FolderImageSource(sources)
                .list().stream()
                        .filter(p -> split == null || p.split() == split)
                        .filter(p -> sources.size() == 1 || seen.add(p.sha256()))
                        .toList();
        Map<SourceShift, Integer> written = new LinkedHashMap<>();
        shifts.forEach(s -> written.put(s, 0));
        for (LabelledImage photo : photos) {
            Path file = Path.of(photo.key());
            java.awt.image.BufferedImage image;
            try {
                image = decoder.decode(Files.readAllBytes(file), file.toString())
                        .image();
            } catch (ImageRejectedException e) {
                LOG.warn("leaving out {}: {}", file, e.getMessage());
                continue;
            }
            String name = stem(file.getFileName().toString()) + ".jpg";
            for (SourceShift shift : shifts) {
                Path dir = Files.createDirectories(out.resolve(shift.tag()).resolve(photo.label()));
                Files.write(dir.resolve(name), shift.apply(image));
                written.merge(shift, 1, Integer::sum);
            }
        }
        return written;
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
