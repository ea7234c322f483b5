package io.flowerstream.model.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a JPEG with libjpeg-turbo (SIMD) through OpenCV's {@code imdecode}, optionally shrunk
 * by 2, 4 or 8 in the DCT domain, into a {@link BufferedImage#TYPE_3BYTE_BGR} image as stored
 * (EXIF orientation is left to the caller, so both decoders turn images the same way).
 *
 * <p>The natives come from the {@code org.bytedeco:opencv} linux-x86_64 jar and are unpacked by
 * JavaCPP on first use (into {@code DJL_CACHE_DIR/javacpp} where that is set, the one folder the
 * service images keep writable; else JavaCPP's default under the home folder). Thread-safe: each
 * call has its own native buffers, freed before it returns.
 */
final class NativeJpegReader {

    private static final Logger LOG = LoggerFactory.getLogger(NativeJpegReader.class);
    private static final String CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";

    private final String description;

    private NativeJpegReader(String description) {
        this.description = description;
    }

    /** The reader, or why its natives could not be loaded on this machine; tried once per process. */
    static Loaded load() {
        return Holder.LOADED;
    }

    /** What the codec is, for logs: OpenCV's version. */
    String description() {
        return description;
    }

    /**
     * The image shrunk by {@code denominator} (1, 2, 4 or 8) on each side, sides rounded up; or
     * empty where libjpeg-turbo cannot decode it (broken data, an unsupported coding), so the
     * caller can let ImageIO decide how to refuse it.
     */
    Optional<BufferedImage> read(byte[] jpeg, int denominator) {
        int flags = IMREAD_IGNORE_ORIENTATION
                | switch (denominator) {
                    case 1 -> IMREAD_COLOR;
                    case 2 -> IMREAD_REDUCED_COLOR_2;
                    case 4 -> IMREAD_REDUCED_COLOR_4;
                    case 8 -> IMREAD_REDUCED_COLOR_8;
                    default -> throw new IllegalArgumentException("libjpeg scales by 1, 2, 4 or 8, not " + denominator);
                };
        try (BytePointer data = new BytePointer(jpeg);
                Mat encoded = new Mat(1, jpeg.length, CV_8UC1, data);
                Mat decoded = imdecode(encoded, flags)) {
            if (decoded == null || decoded.empty() || decoded.type() != CV_8UC3) {
                return Optional.empty();
            }
            return Optional.of(toImage(decoded));
        } catch (RuntimeException e) {
            // OpenCV's C++ exceptions arrive as RuntimeException; ImageIO then gives the reason.
            return Optional.empty();
        }
    }

    private static BufferedImage toImage(Mat bgr) {
        int width = bgr.cols();
        int height = bgr.rows();
        // TYPE_3BYTE_BGR keeps B, G, R bytes in OpenCV's order: one copy, no conversion.
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int row = width * 3;
        if (bgr.isContinuous()) {
            bgr.data().get(pixels, 0, row * height);
        } else {
            for (int y = 0; y < height; y++) {
                bgr.ptr(y).get(pixels, y * row, row);
            }
        }
        return image;
    }

    /** The outcome of loading the natives: a reader, or the reason there is none. */
    record Loaded(Optional<NativeJpegReader> reader, String failure) {}

    /** Loads at first use, once: the natives take a second or two to unpack and link. */
    private static final class Holder {
        static final Loaded LOADED = loadNatives();

        private static Loaded loadNatives() {
            String djlCache = System.getenv("DJL_CACHE_DIR");
            if (System.getProperty(CACHE_PROPERTY) == null && djlCache != null && !djlCache.isBlank()) {
                System.setProperty(CACHE_PROPERTY, djlCache + "/javacpp");
            }
            try {
                Loader.load(opencv_imgcodecs.class);
                String version = opencv_core.getVersionString().getString().trim();
                NativeJpegReader reader = new NativeJpegReader("libjpeg-turbo in OpenCV " + version);
                LOG.info(
                        "JPEG decoding: {} with DCT-domain downscaling (set {}=imageio to use ImageIO only)",
                        reader.description(),
                        JpegDecoding.ENV);
                return new Loaded(Optional.of(reader), null);
            } catch (LinkageError | RuntimeException e) {
                return new Loaded(
                        Optional.empty(), "OpenCV's natives (org.bytedeco:opencv, linux-x86_64) did not load: " + e);
            }
        }
    }
}
