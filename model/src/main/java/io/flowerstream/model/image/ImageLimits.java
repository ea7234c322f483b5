package io.flowerstream.model.image;

/**
 * The limits the decoder enforces before decoding, so a hostile or mistaken input cannot
 * make it allocate more than a bounded amount of memory.
 *
 * @param maxBytes  largest accepted file, in bytes
 * @param maxPixels largest accepted width times height, as claimed by the header
 */
public record ImageLimits(long maxBytes, long maxPixels) {

    /** 10 MiB: several times the largest photo a phone writes as JPEG. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    /** 40 megapixels: a decoded 40 MP image is 160 MB as packed RGB, still safe in a few-GB heap. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    public ImageLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, was " + maxPixels);
        }
    }

    /** The defaults: 10 MiB and 40 megapixels. */
    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS);
    }
}
