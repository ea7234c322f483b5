package io.flowerstream.model.profile;

import io.flowerstream.model.image.JpegEncoding;
import java.nio.FloatBuffer;

/**
 * Simple facts about one input photo that differ between sources of photos: its size, how bright and
 * how colourful it is, and how it was encoded. Brightness and colourfulness are measured on the
 * network's input (the photo resized to its square, in [0,1]), so the trainer and the classifier
 * measure the same thing whatever the photo's size.
 *
 * @param width         decoded width in pixels (upright)
 * @param height        decoded height in pixels (upright)
 * @param brightness    mean luma (ITU-R BT.601 weights) in [0,1]
 * @param colourfulness Hasler and Suesstrunk's colourfulness on the 0-255 scale: about 0 for grey, 15 for
 *                      dull, 60 for quite, over 100 for extremely colourful photos
 * @param colourCast    mean red minus mean blue, in [-1,1]: positive for warm, negative for cool light; a
 *                      camera's white balance or a filter moves it while colourfulness may not change
 * @param sharpness     mean absolute difference of luma between neighbouring pixels of the network's input,
 *                      0-255 scale: falls with blur, and with upscaling from a small photo
 * @param encoding      JPEG quality and chroma subsampling, {@link JpegEncoding#UNKNOWN} for a PNG
 */
public record InputStatistics(
        int width,
        int height,
        double brightness,
        double colourfulness,
        double colourCast,
        double sharpness,
        JpegEncoding encoding) {

    /**
     * Statistics of the photo in {@code fileBytes}, decoded to {@code width x height}, whose CHW input starts at {@code
     * dst}'s {@code offset}.
     */
    public static InputStatistics of(byte[] fileBytes, int width, int height, FloatBuffer chw, int offset, int plane) {
        return of(fileBytes, width, height, i -> chw.get(offset + i), plane);
    }

    /** As {@link #of(byte[], int, int, FloatBuffer, int, int)} for a stored input of one byte per sample (0-255). */
    public static InputStatistics of(byte[] fileBytes, int width, int height, byte[] chw) {
        return of(fileBytes, width, height, i -> (chw[i] & 0xFF) / 255f, chw.length / 3);
    }

    private interface Samples {
        float get(int index);
    }

    /** Mean absolute luma step to the right and downwards neighbour, over a square input of {@code plane} pixels. */
    private static double sharpness(Samples chw, int plane) {
        int side = (int) Math.round(Math.sqrt(plane));
        if (side * side != plane || side < 2) {
            return 0;
        }
        float[] luma = new float[plane];
        for (int i = 0; i < plane; i++) {
            luma[i] = 255f * (0.299f * chw.get(i) + 0.587f * chw.get(plane + i) + 0.114f * chw.get(2 * plane + i));
        }
        double total = 0;
        for (int y = 0; y < side - 1; y++) {
            for (int x = 0; x < side - 1; x++) {
                int at = y * side + x;
                total += Math.abs(luma[at + 1] - luma[at]) + Math.abs(luma[at + side] - luma[at]);
            }
        }
        return total / (2.0 * (side - 1) * (side - 1));
    }

    private static InputStatistics of(byte[] fileBytes, int width, int height, Samples chw, int plane) {
        double luma = 0;
        double rgSum = 0;
        double ybSum = 0;
        double rgSquares = 0;
        double ybSquares = 0;
        double redMinusBlue = 0;
        for (int i = 0; i < plane; i++) {
            double r = chw.get(i) * 255.0;
            double g = chw.get(plane + i) * 255.0;
            double b = chw.get(2 * plane + i) * 255.0;
            luma += 0.299 * r + 0.587 * g + 0.114 * b;
            redMinusBlue += r - b;
            double rg = r - g;
            double yb = 0.5 * (r + g) - b;
            rgSum += rg;
            ybSum += yb;
            rgSquares += rg * rg;
            ybSquares += yb * yb;
        }
        double meanRg = rgSum / plane;
        double meanYb = ybSum / plane;
        double varRg = Math.max(0, rgSquares / plane - meanRg * meanRg);
        double varYb = Math.max(0, ybSquares / plane - meanYb * meanYb);
        double colourfulness = Math.sqrt(varRg + varYb) + 0.3 * Math.sqrt(meanRg * meanRg + meanYb * meanYb);
        return new InputStatistics(
                width,
                height,
                luma / plane / 255.0,
                colourfulness,
                redMinusBlue / plane / 255.0,
                sharpness(chw, plane),
                JpegEncoding.of(fileBytes));
    }
}
