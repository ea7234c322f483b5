package io.flowerstream.model.image;

import java.util.Locale;

/**
 * Which codec {@link ImageDecoder} uses for photos: the native one (libjpeg-turbo through the
 * system's TurboJPEG library, with DCT-domain downscaling), the JDK's ImageIO, or the native one
 * where its library loads.
 *
 * <p>Set with the system property {@value #PROPERTY} or the environment variable {@value #ENV}
 * ({@code auto}, {@code native} or {@code imageio}); {@code auto} when neither is set. Whatever
 * the choice, the same guards run first and ImageIO decodes what the native path refuses
 * (PNG, CMYK and RGB-stored JPEGs, anything libjpeg-turbo fails on).
 */
public enum JpegDecoding {
    /** Native where its library loads, else ImageIO with a warning: the default. */
    AUTO,
    /** Native, and fail at start where its library cannot load. */
    NATIVE,
    /** ImageIO only, as before the native path existed. */
    IMAGEIO;

    /** The system property that chooses; it wins over {@link #ENV}. */
    public static final String PROPERTY = "flowerstream.jpeg.decoder";

    /** The environment variable that chooses. */
    public static final String ENV = "FLOWERSTREAM_JPEG_DECODER";

    /** The choice made by {@value #PROPERTY} or {@value #ENV}; {@link #AUTO} when neither is set. */
    public static JpegDecoding configured() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return parse(property, "-D" + PROPERTY);
        }
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? AUTO : parse(env, ENV);
    }

    /**
     * {@code auto}, {@code native} or {@code imageio}, in any case.
     *
     * @throws IllegalArgumentException naming {@code where} the value came from and the accepted ones
     */
    public static JpegDecoding parse(String value, String where) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is '" + value + "': use auto, native or imageio", e);
        }
    }
}
