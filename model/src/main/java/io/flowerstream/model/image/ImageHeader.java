package io.flowerstream.model.image;

/**
 * What the cheap guards learnt about an image without decoding it.
 *
 * @param format      the format sniffed from the magic bytes
 * @param width       width in pixels as stored (before any EXIF rotation)
 * @param height      height in pixels as stored
 * @param orientation the EXIF orientation, 1 (upright) to 8; 1 where there is none
 */
public record ImageHeader(ImageFormat format, int width, int height, int orientation) {

    /** Width times height, without overflow. */
    public long pixelCount() {
        return (long) width * height;
    }
}
