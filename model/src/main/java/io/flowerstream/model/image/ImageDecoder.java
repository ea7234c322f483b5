package io.flowerstream.model.image;

import io.flowerstream.model.image.ImageRejectedException.RejectStage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point that turns untrusted bytes into an upright 8-bit RGB image, refusing
 * anything that is not a sound JPEG or PNG within the {@link ImageLimits} with a typed
 * {@link ImageRejectedException}.
 *
 * <p>Cheap guards run first, in this order: size, magic bytes, header dimensions (read by
 * walking JPEG markers or the PNG IHDR chunk, never by allocating a raster), and the end
 * marker. Only then does a codec decode: for photos (YCbCr and grey JPEGs) the native
 * libjpeg-turbo reader where {@link JpegDecoding} allows it, which can also shrink the photo by 2,
 * 4 or 8 while decoding ({@link #decode(byte[], String, int)}); ImageIO for everything else and
 * for whatever the native reader cannot decode, so a broken file is refused with ImageIO's
 * reason either way. Instances are immutable and thread-safe: each call creates its own reader.
 *
 * <p>Photos (three-channel YCbCr JPEGs) are read as the raw YCbCr raster and converted here
 * with libjpeg's own equations ({@link YccTables}), not through ImageIO's RGB path, for three
 * reasons: that path applies an embedded ICC profile, which PIL (and so the Keras seed) never
 * does; it fails outright on real photos whose profile does not match their channels; and its
 * per-scanline Java colour conversion costs as much as the decode itself (about 2 ms of 4 for
 * a 500x333 photo here).
 */
public final class ImageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);
    private static final AtomicBoolean WARNED_NO_NATIVE = new AtomicBoolean();

    private final ImageLimits limits;
    private final ImageReaderSpi jpegReaders;
    private final ImageReaderSpi pngReaders;
    private final NativeJpegReader nativeJpeg;

    /** A decoder with {@link ImageLimits#defaults()} and the {@link JpegDecoding#configured()} codec. */
    public ImageDecoder() {
        this(ImageLimits.defaults());
    }

    /** A decoder with the {@link JpegDecoding#configured()} codec. */
    public ImageDecoder(ImageLimits limits) {
        this(limits, JpegDecoding.configured());
    }

    /**
     * @throws IllegalStateException with {@link JpegDecoding#NATIVE} where the native library cannot load
     */
    public ImageDecoder(ImageLimits limits, JpegDecoding jpegDecoding) {
        this.limits = Objects.requireNonNull(limits, "limits");
        // Looking the provider up once avoids the synchronised registry walk on every call.
        this.jpegReaders = readerProvider("jpeg");
        this.pngReaders = readerProvider("png");
        this.nativeJpeg = nativeReader(Objects.requireNonNull(jpegDecoding, "jpegDecoding"));
    }

    private static NativeJpegReader nativeReader(JpegDecoding choice) {
        if (choice == JpegDecoding.IMAGEIO) {
            return null;
        }
        NativeJpegReader.Loaded loaded = NativeJpegReader.load();
        if (loaded.reader().isPresent()) {
            return loaded.reader().get();
        }
        if (choice == JpegDecoding.NATIVE) {
            throw new IllegalStateException(
                    loaded.failure() + "; set " + JpegDecoding.ENV + "=imageio (or auto) to decode with ImageIO");
        }
        if (WARNED_NO_NATIVE.compareAndSet(false, true)) {
            LOG.warn("{}; decoding JPEGs with ImageIO, about three times slower", loaded.failure());
        }
        return null;
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Which codec decodes photos: the native one with its version, or ImageIO. */
    public String jpegCodec() {
        return nativeJpeg != null ? nativeJpeg.description() + ", DCT scaling" : "ImageIO";
    }

    /**
     * The format of {@code bytes} from their magic numbers.
     *
     * @throws ImageRejectedException {@code empty}, {@code unsupported_format} (GIF, BMP, WebP,
     *                                TIFF, HEIF) or {@code not_an_image} (anything else)
     */
    public ImageFormat sniff(byte[] bytes, String sourceName) throws ImageRejectedException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw guard(RejectReason.EMPTY, sourceName, "no bytes");
        }
        Optional<ImageFormat> format = FormatSniffer.accepted(bytes);
        if (format.isPresent()) {
            return format.get();
        }
        Optional<String> unsupported = FormatSniffer.unsupportedImage(bytes);
        if (unsupported.isPresent()) {
            throw guard(
                    RejectReason.UNSUPPORTED_FORMAT,
                    sourceName,
                    "is a " + unsupported.get() + " image; only JPEG and PNG are accepted");
        }
        throw guard(RejectReason.NOT_AN_IMAGE, sourceName, "does not start with a JPEG or PNG signature");
    }

    /**
     * Runs only the cheap guards (size, magic bytes, header dimensions and pixel count, end
     * marker) and returns what the header says, without decoding any pixels.
     */
    public ImageHeader inspect(byte[] bytes, String sourceName) throws ImageRejectedException {
        return inspectLayout(bytes, sourceName).header();
    }

    /**
     * Runs the guards, then decodes the whole image, upright. A photo comes back as its YCbCr
     * samples, converted to RGB as they are read (see {@link DecodedImage}).
     */
    public DecodedImage decode(byte[] bytes, String sourceName) throws ImageRejectedException {
        return decode(bytes, sourceName, 0);
    }

    /**
     * As {@link #decode(byte[], String)}, but a photo may come back shrunk by 2, 4 or 8 on each
     * side (decoded in the DCT domain, see {@link DctScale}) where it is large enough against
     * {@code targetSize}, the side the caller will resize it to; 0 for the whole image. Only the
     * native codec shrinks; ImageIO always returns the whole image.
     */
    public DecodedImage decode(byte[] bytes, String sourceName, int targetSize) throws ImageRejectedException {
        return decode(bytes, sourceName, targetSize, DctScale.MIN_SIDE_SHARE);
    }

    /** As {@link #decode(byte[], String, int)} with another shrinking rule; {@code DecodeBenchmark} compares them. */
    DecodedImage decode(byte[] bytes, String sourceName, int targetSize, double minSideShare)
            throws ImageRejectedException {
        ParsedHeader layout = inspectLayout(bytes, sourceName);
        ImageHeader header = layout.header();
        if (nativeJpeg != null && isPhoto(layout)) {
            int denominator = DctScale.denominator(header.width(), header.height(), targetSize, minSideShare);
            Optional<BufferedImage> image = nativeJpeg.read(bytes, denominator);
            if (image.isPresent()) {
                return new DecodedImage(image.get(), ImageFormat.JPEG).oriented(header.orientation());
            }
        }
        return read(bytes, sourceName, layout).oriented(header.orientation());
    }

    /**
     * What the native reader takes: grey and YCbCr JPEGs. CMYK, YCCK and RGB-stored ones keep the ImageIO path and its
     * conversions.
     */
    private static boolean isPhoto(ParsedHeader layout) {
        return layout.isYccJpeg() || (layout.header().format() == ImageFormat.JPEG && layout.components() == 1);
    }

    private ParsedHeader inspectLayout(byte[] bytes, String sourceName) throws ImageRejectedException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > limits.maxBytes()) {
            throw guard(
                    RejectReason.TOO_LARGE,
                    sourceName,
                    "is " + bytes.length + " bytes, over the limit of " + limits.maxBytes());
        }
        ImageFormat format = sniff(bytes, sourceName);
        ParsedHeader layout = format == ImageFormat.JPEG
                ? JpegHeaderReader.read(bytes, sourceName)
                : ParsedHeader.of(PngHeaderReader.read(bytes, sourceName));
        ImageHeader header = layout.header();
        if (header.width() == 0 || header.height() == 0) {
            throw guard(
                    RejectReason.TOO_SMALL,
                    sourceName,
                    format + " header claims " + header.width() + "x" + header.height() + " pixels");
        }
        if (header.pixelCount() > limits.maxPixels()) {
            throw guard(
                    RejectReason.TOO_MANY_PIXELS,
                    sourceName,
                    format + " header claims " + header.width() + "x" + header.height() + " = " + header.pixelCount()
                            + " pixels, over the limit of " + limits.maxPixels());
        }
        return layout;
    }

    private DecodedImage read(byte[] bytes, String sourceName, ParsedHeader layout) throws ImageRejectedException {
        ImageFormat format = layout.header().format();
        ImageReader reader = createReader(format == ImageFormat.JPEG ? jpegReaders : pngReaders);
        List<String> warnings = new ArrayList<>(0);
        try (MemoryCacheImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            reader.addIIOReadWarningListener(collectInto(warnings));
            ImageReadParam param = reader.getDefaultReadParam();
            DecodedImage image;
            if (format == ImageFormat.JPEG && layout.components() == 4) {
                image = new DecodedImage(
                        JpegRasterConverter.cmykToRgb(reader.readRaster(0, param), layout.adobeTransform()), format);
            } else if (layout.isYccJpeg()) {
                image = DecodedImage.ofYcc(reader.readRaster(0, param));
            } else {
                image = new DecodedImage(RgbNormaliser.toRgb(reader.read(0, param)), format);
            }
            for (String warning : warnings) {
                if (isTruncation(warning)) {
                    throw decodeFailure(
                            RejectReason.TRUNCATED, sourceName, format + " data ends early: " + warning, null);
                }
            }
            return image;
        } catch (EOFException e) {
            throw decodeFailure(RejectReason.TRUNCATED, sourceName, format + " data ends early", e);
        } catch (IOException e) {
            RejectReason reason = isTruncation(e.getMessage()) ? RejectReason.TRUNCATED : RejectReason.CORRUPT;
            throw decodeFailure(reason, sourceName, format + " cannot be decoded: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // ImageIO's decoders signal some broken streams with unchecked exceptions.
            throw decodeFailure(RejectReason.CORRUPT, sourceName, format + " cannot be decoded: " + e, e);
        } finally {
            reader.dispose();
        }
    }

    private static boolean isTruncation(String message) {
        return message != null
                && (message.contains("Premature end") || message.contains("Unexpected end") || message.contains("EOF"));
    }

    private static IIOReadWarningListener collectInto(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }

    private static ImageReader createReader(ImageReaderSpi provider) {
        try {
            return provider.createReaderInstance();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the JDK's " + provider.getFormatNames()[0] + " reader cannot be created", e);
        }
    }

    private static ImageReaderSpi readerProvider(String formatName) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName);
        if (!readers.hasNext()) {
            throw new IllegalStateException(
                    "no ImageIO reader for " + formatName + ": this JDK lacks java.desktop's image plugins");
        }
        return readers.next().getOriginatingProvider();
    }

    private static ImageRejectedException guard(RejectReason reason, String sourceName, String detail) {
        return new ImageRejectedException(reason, RejectStage.GUARD, sourceName, detail);
    }

    private static ImageRejectedException decodeFailure(
            RejectReason reason, String sourceName, String detail, Throwable cause) {
        return new ImageRejectedException(reason, RejectStage.DECODE, sourceName, detail, cause);
    }
}
