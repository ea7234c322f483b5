package io.flowerstream.trainer.data;

import io.flowerstream.contracts.ids.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The list of labelled images one training run used, sorted by key: written next to the
 * version as {@code manifest.csv}, and identified in its metadata by size and SHA-256.
 */
public final class Manifest {

    /** The artifact name of the CSV in a version's folder. */
    public static final String FILE_NAME = "manifest.csv";

    private final List<LabelledImage> images;
    private final byte[] csv;

    /** A manifest of {@code images}; order does not matter, duplicates (same id) keep the first key. */
    public Manifest(List<LabelledImage> images) {
        this.images = images.stream()
                .sorted(Comparator.comparing(LabelledImage::key))
                .filter(distinctIds())
                .toList();
        this.csv = renderCsv(this.images);
    }

    // The same bytes under two keys would be one photo counted twice, possibly on both labels.
    private static Predicate<LabelledImage> distinctIds() {
        Set<String> seen = new HashSet<>();
        return image -> seen.add(image.sha256());
    }

    /** Every image, sorted by key. */
    public List<LabelledImage> images() {
        return images;
    }

    /** Number of images. */
    public int size() {
        return images.size();
    }

    /** The images on one side of the split, sorted by key. */
    public List<LabelledImage> of(Split side) {
        return images.stream().filter(image -> image.split() == side).toList();
    }

    /** The CSV: a header line, then {@code key,label,sha256,split} per image. */
    public byte[] csv() {
        return csv.clone();
    }

    /** Hex SHA-256 of {@link #csv()}: the same images give the same hash on every run. */
    public String sha256() {
        return Sha256.hex(csv);
    }

    private static byte[] renderCsv(List<LabelledImage> images) {
        StringBuilder out = new StringBuilder("key,label,sha256,split\n");
        for (LabelledImage image : images) {
            out.append(image.key())
                    .append(',')
                    .append(image.label())
                    .append(',')
                    .append(image.sha256())
                    .append(',')
                    .append(image.split().name().toLowerCase(Locale.ROOT))
                    .append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
