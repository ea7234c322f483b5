package io.flowerstream.model.image;

/**
 * What the guards read from a file's headers that the decoder needs beyond the public
 * {@link ImageHeader}: how a JPEG's colour channels are stored.
 *
 * @param header         format, dimensions and orientation
 * @param components     colour components of a JPEG frame (1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK); 0 for PNG
 * @param adobeTransform a JPEG's Adobe APP14 transform (0 none/CMYK, 1 YCbCr, 2 YCCK) or {@link #NO_ADOBE_SEGMENT}
 * @param ycc            whether a three-component JPEG stores YCbCr (libjpeg's rule: a JFIF segment
 *                       says so; else an Adobe transform of 0 or component ids R, G, B say RGB)
 */
record ParsedHeader(ImageHeader header, int components, int adobeTransform, boolean ycc) {

    /** The Adobe transform of a file without an Adobe APP14 segment. */
    static final int NO_ADOBE_SEGMENT = -1;

    /** A header with no JPEG-specific facts. */
    static ParsedHeader of(ImageHeader header) {
        return new ParsedHeader(header, 0, NO_ADOBE_SEGMENT, false);
    }

    /** A baseline or progressive JPEG of three YCbCr channels: nearly every photo. */
    boolean isYccJpeg() {
        return header.format() == ImageFormat.JPEG && components == 3 && ycc;
    }
}
