package io.flowerstream.trainer.data;

import io.flowerstream.model.net.FlowerNet;
import io.flowerstream.model.profile.InputStatistics;
import java.util.List;
import java.util.Optional;

/**
 * The photos of one training run, decoded once and kept compact: each one 150x150 RGB, CHW,
 * one byte per sample (67.5 KB; 3,000 photos take about 200 MB), so that every epoch only
 * augments and scales, never decodes again.
 */
public final class PhotoStore {

    /** Bytes of one stored photo: 3 x 150 x 150. */
    public static final int BYTES_PER_PHOTO = FlowerNet.imageFloats();

    private final List<LabelledImage> images;
    private final byte[][] pixels;
    private final List<InputStatistics> statistics;

    /** A store of {@code images} whose pixels are {@code pixels}, index for index, with no input statistics. */
    public PhotoStore(List<LabelledImage> images, byte[][] pixels) {
        this(images, pixels, null);
    }

    /**
     * A store of {@code images} whose pixels are {@code pixels} and whose files' statistics are
     * {@code statistics} (null when unknown), index for index.
     */
    public PhotoStore(List<LabelledImage> images, byte[][] pixels, List<InputStatistics> statistics) {
        if (images.size() != pixels.length) {
            throw new IllegalArgumentException(images.size() + " images but " + pixels.length + " pixel arrays");
        }
        for (byte[] p : pixels) {
            if (p.length != BYTES_PER_PHOTO) {
                throw new IllegalArgumentException("a stored photo must be 3x150x150 bytes, was " + p.length);
            }
        }
        if (statistics != null && statistics.size() != images.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + statistics.size() + " statistics");
        }
        this.images = List.copyOf(images);
        this.pixels = pixels;
        this.statistics = statistics == null ? null : List.copyOf(statistics);
    }

    /**
     * Size, brightness, colourfulness and encoding of photo {@code i}'s file, or empty when the store was built without
     * them.
     */
    public Optional<InputStatistics> statistics(int i) {
        return statistics == null ? Optional.empty() : Optional.of(statistics.get(i));
    }

    /** Number of photos. */
    public int size() {
        return images.size();
    }

    /** The manifest entry of photo {@code i}. */
    public LabelledImage image(int i) {
        return images.get(i);
    }

    /** Every manifest entry, index for index. */
    public List<LabelledImage> images() {
        return images;
    }

    /** The class index of photo {@code i}. */
    public int label(int i) {
        return images.get(i).classIndex();
    }

    /** The CHW bytes of photo {@code i}; shared, callers must not write to them. */
    public byte[] pixels(int i) {
        return pixels[i];
    }

    /** Indexes of the photos on {@code side} of the split. */
    public int[] indexesOf(Split side) {
        return java.util.stream.IntStream.range(0, size())
                .filter(i -> images.get(i).split() == side)
                .toArray();
    }
}
