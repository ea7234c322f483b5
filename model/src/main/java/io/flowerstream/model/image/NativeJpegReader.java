package io.flowerstream.model.image;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a JPEG with libjpeg-turbo (SIMD) through its TurboJPEG API ({@link TurboJpeg}), optionally
 * shrunk by 2, 4 or 8 in the DCT domain, straight into the pixel array of a {@link
 * BufferedImage#TYPE_3BYTE_BGR} image as stored (EXIF orientation is left to the caller, so both
 * decoders turn images the same way).
 *
 * <p>The library is the system's ({@code libturbojpeg0} on Debian, {@code libturbojpeg} on
 * Ubuntu). It replaced OpenCV's {@code imdecode}, whose bundled libjpeg-turbo took 1.08 ms
 * median on the shared photos where this takes 0.62 ms, with the same accurate IDCT and so the
 * same pixels (docs/image-decoding.md). Thread-safe: each call has its own decompressor.
 */
final class NativeJpegReader {

    private static final Logger LOG = LoggerFactory.getLogger(NativeJpegReader.class);

    private final String description;

    private NativeJpegReader(String description) {
        this.description = description;
    }

    /** The reader, or why its library could not be loaded on this machine; tried once per process. */
    static Loaded load() {
        return Holder.LOADED;
    }

    /** What the codec is, for logs. */
    String description() {
        return description;
    }

    /**
     * The image shrunk by {@code denominator} (1, 2, 4 or 8) on each side, sides rounded up; or
     * empty where libjpeg-turbo cannot decode it cleanly (broken data, an unsupported coding, a
     * warning), so the caller can let ImageIO decide how to refuse it.
     */
    Optional<BufferedImage> read(byte[] jpeg, int denominator) {
        if (denominator != 1 && denominator != 2 && denominator != 4 && denominator != 8) {
            throw new IllegalArgumentException("libjpeg scales by 1, 2, 4 or 8, not " + denominator);
        }
        Pointer handle = TurboJpeg.tjInitDecompress();
        if (handle == null) {
            return Optional.empty();
        }
        try {
            NativeLong size = new NativeLong(jpeg.length);
            int[] width = new int[1];
            int[] height = new int[1];
            if (TurboJpeg.tjDecompressHeader3(handle, jpeg, size, width, height, new int[1], new int[1]) != 0) {
                return Optional.empty();
            }
            // The scaled size from libjpeg's own reading of the header, never ours: the buffer must
            // hold exactly what it writes. TurboJPEG picks the scale that fits these sides: 1/denominator.
            int scaledWidth = ceilDiv(width[0], denominator);
            int scaledHeight = ceilDiv(height[0], denominator);
            BufferedImage image = new BufferedImage(scaledWidth, scaledHeight, BufferedImage.TYPE_3BYTE_BGR);
            byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            int status = TurboJpeg.tjDecompress2(
                    handle,
                    jpeg,
                    size,
                    pixels,
                    scaledWidth,
                    scaledWidth * 3,
                    scaledHeight,
                    TurboJpeg.PIXEL_FORMAT_BGR,
                    TurboJpeg.ACCURATE);
            return status == 0 ? Optional.of(image) : Optional.empty();
        } finally {
            TurboJpeg.tjDestroy(handle);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** The outcome of loading the library: a reader, or the reason there is none. */
    record Loaded(Optional<NativeJpegReader> reader, String failure) {}

    /** Loads at first use, once. */
    private static final class Holder {
        static final Loaded LOADED = loadLibrary();

        private static Loaded loadLibrary() {
            try {
                TurboJpeg.bind();
                NativeJpegReader reader = new NativeJpegReader("libjpeg-turbo (TurboJPEG, system library)");
                LOG.info(
                        "JPEG decoding: {} with DCT-domain downscaling (set {}=imageio to use ImageIO only)",
                        reader.description(),
                        JpegDecoding.ENV);
                return new Loaded(Optional.of(reader), null);
            } catch (LinkageError | RuntimeException e) {
                return new Loaded(
                        Optional.empty(),
                        "libturbojpeg did not load (" + e.getMessage() + "): install the package libturbojpeg0"
                                + " (Debian) or libturbojpeg (Ubuntu)");
            }
        }
    }
}
