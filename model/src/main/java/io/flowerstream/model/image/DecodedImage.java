package io.flowerstream.model.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.Objects;

/**
 * A decoded, upright, 8-bit RGB image and the format it came in.
 *
 * <p>A photo (an upright three-band YCbCr JPEG, nearly every input) is kept as the decoder's raw
 * YCbCr raster: the preprocessor converts only the pixels its resize reads, which saves the
 * full-size RGB copy, a third of the work of preparing an image. {@link #image()} converts the
 * whole image when a caller wants a {@link BufferedImage}.
 */
public final class DecodedImage {

    private final BufferedImage rgb;
    private final Raster ycc;
    private final ImageFormat format;

    /**
     * @param image  {@link BufferedImage#TYPE_INT_RGB} or {@link BufferedImage#TYPE_3BYTE_BGR}, never with alpha;
     *               EXIF orientation already applied
     * @param format the format the bytes were in
     */
    public DecodedImage(BufferedImage image, ImageFormat format) {
        this(Objects.requireNonNull(image, "image"), null, format);
        if (image.getType() != BufferedImage.TYPE_INT_RGB && image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException(
                    "a decoded image must be TYPE_INT_RGB or TYPE_3BYTE_BGR, was type " + image.getType());
        }
    }

    private DecodedImage(BufferedImage rgb, Raster ycc, ImageFormat format) {
        this.rgb = rgb;
        this.ycc = ycc;
        this.format = Objects.requireNonNull(format, "format");
    }

    /** An upright JPEG kept as its three-band YCbCr raster (libjpeg's colour equations apply on reading). */
    static DecodedImage ofYcc(Raster ycc) {
        if (Objects.requireNonNull(ycc, "ycc").getNumBands() != 3) {
            throw new IllegalArgumentException("a YCbCr raster has 3 bands, this one " + ycc.getNumBands());
        }
        return new DecodedImage(null, ycc, ImageFormat.JPEG);
    }

    /** This image turned upright by EXIF {@code orientation}; itself when that is 1 or not a valid tag value. */
    DecodedImage oriented(int orientation) {
        if (orientation < 2 || orientation > 8) {
            return this;
        }
        return new DecodedImage(ExifOrientation.apply(image(), orientation), format);
    }

    /**
     * The image as {@link BufferedImage#TYPE_INT_RGB} or {@link BufferedImage#TYPE_3BYTE_BGR}; a photo is converted on
     * each call.
     */
    public BufferedImage image() {
        return rgb != null ? rgb : JpegRasterConverter.yccToRgb(ycc);
    }

    /** Its pixels as packed RGB, without a full-size copy. */
    RgbPixels pixels() {
        return rgb != null ? RgbPixels.of(rgb) : RgbPixels.ofYcc(ycc);
    }

    public ImageFormat format() {
        return format;
    }

    public int width() {
        return rgb != null ? rgb.getWidth() : ycc.getWidth();
    }

    public int height() {
        return rgb != null ? rgb.getHeight() : ycc.getHeight();
    }
}
