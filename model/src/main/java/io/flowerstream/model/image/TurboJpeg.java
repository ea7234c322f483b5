package io.flowerstream.model.image;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few TurboJPEG calls {@link NativeJpegReader} makes, bound with JNA's direct mapping to the
 * system's {@code libturbojpeg.so.0} (libjpeg-turbo's own simple API, with its SIMD decoder):
 * Debian's package {@code libturbojpeg0}, Ubuntu's {@code libturbojpeg}. The API has been stable
 * since libjpeg-turbo 1.4; versions 2.x and 3.x both export these functions.
 *
 * <p>A handle is not thread-safe; {@link NativeJpegReader} gives each call its own.
 */
final class TurboJpeg {

    /** Output bytes B, G, R per pixel: the layout of {@code BufferedImage.TYPE_3BYTE_BGR}. */
    static final int PIXEL_FORMAT_BGR = 1;

    /** No flags: the accurate integer IDCT and smooth chroma upsampling, libjpeg's (and ImageIO's) defaults. */
    static final int ACCURATE = 0;

    /** The library's base name; JNA also finds the versioned {@code libturbojpeg.so.0} that runtime packages ship. */
    static final String LIBRARY = "turbojpeg";

    private TurboJpeg() {}

    /**
     * Links the natives below to the system library, once per process.
     *
     * @throws UnsatisfiedLinkError where the library is not installed or lacks a function
     */
    static synchronized void bind() {
        Native.register(TurboJpeg.class, NativeLibrary.getInstance(LIBRARY));
    }

    /** A new decompressor, or null where the library could not allocate one. */
    static native Pointer tjInitDecompress();

    /** Reads the frame header: width, height, chroma subsampling and colour space; 0 on success. */
    static native int tjDecompressHeader3(
            Pointer handle,
            byte[] jpeg,
            NativeLong size,
            int[] width,
            int[] height,
            int[] subsampling,
            int[] colourspace);

    /**
     * Decodes into {@code destination} at the largest scale (n/8) that fits {@code width x height};
     * 0 on success, -1 on an error or a warning (a warning still fills the buffer).
     */
    static native int tjDecompress2(
            Pointer handle,
            byte[] jpeg,
            NativeLong size,
            byte[] destination,
            int width,
            int pitch,
            int height,
            int pixelFormat,
            int flags);

    /** Frees a handle from {@link #tjInitDecompress()}. */
    static native int tjDestroy(Pointer handle);
}
