package io.flowerstream.model.profile;

import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.model.image.JpegEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One part of a traffic profile and its fixed bins: the reference profile stored with a version and the
 * classifier's live profile bin the same way because both use these, and the bins are part of the stored
 * format (a change of bins is a change of {@link ReferenceProfile#FORMAT}).
 */
public enum ProfilePart {
    /** The predicted class: the class mix. */
    PREDICTION(FlowerClasses.NAMES),
    /** The calibrated top-1 confidence. */
    CONFIDENCE(edges(0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)),
    /** Decoded width in pixels. */
    WIDTH(edges(128, 200, 256, 320, 400, 500, 640, 1024, 2048)),
    /** Decoded height in pixels. */
    HEIGHT(edges(128, 200, 256, 320, 400, 500, 640, 1024, 2048)),
    /** Mean luma in [0,1]. */
    BRIGHTNESS(edges(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)),
    /** Hasler and Suesstrunk colourfulness. */
    COLOURFULNESS(edges(10, 20, 30, 40, 50, 60, 80, 100, 130)),
    /** Mean red minus mean blue in [-1,1]: a colour cast. */
    COLOUR_CAST(edges(-0.1, -0.05, 0, 0.05, 0.1, 0.15, 0.2, 0.3)),
    /** Mean luma step between neighbouring pixels: blur. */
    SHARPNESS(edges(2, 4, 6, 8, 10, 13, 16, 20, 25)),
    /** Estimated JPEG quality; the first bin is "not a JPEG or unknown". */
    JPEG_QUALITY(withUnknown(edges(30, 50, 70, 80, 90, 95))),
    /** JPEG chroma subsampling. */
    CHROMA(chromaNames());

    private final List<String> binNames;
    private final double[] upperEdges;

    ProfilePart(List<String> names) {
        this.binNames = List.copyOf(names);
        this.upperEdges = null;
    }

    ProfilePart(Edges edges) {
        this.binNames = edges.names;
        this.upperEdges = edges.values;
    }

    /** The metric tag and JSON key: lower case, e.g. {@code jpeg_quality}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How many bins. */
    public int bins() {
        return binNames.size();
    }

    /** Bin names for people: class names, chroma layouts, or value ranges such as {@code 0.3-0.4}. */
    public List<String> binNames() {
        return binNames;
    }

    /** The bin of one observation. */
    public int binOf(InputStatistics input, int predictedClass, double confidence) {
        return switch (this) {
            case PREDICTION -> predictedClass;
            case CONFIDENCE -> bin(confidence);
            case WIDTH -> bin(input.width());
            case HEIGHT -> bin(input.height());
            case BRIGHTNESS -> bin(input.brightness());
            case COLOURFULNESS -> bin(input.colourfulness());
            case COLOUR_CAST -> bin(input.colourCast());
            case SHARPNESS -> bin(input.sharpness());
            case JPEG_QUALITY ->
                input.encoding().quality() < 0 ? 0 : 1 + bin(input.encoding().quality());
            case CHROMA -> input.encoding().chroma().ordinal();
        };
    }

    /** The part with this {@link #tag()}, for reading stored profiles. */
    public static ProfilePart ofTag(String tag) {
        return valueOf(tag.toUpperCase(Locale.ROOT));
    }

    private int bin(double value) {
        int b = 0;
        while (b < upperEdges.length && value >= upperEdges[b]) {
            b++;
        }
        return b;
    }

    /** Bin upper edges and the names of the bins they make (one more bin than edges). */
    private record Edges(double[] values, List<String> names) {}

    private static Edges edges(double... values) {
        List<String> names = new ArrayList<>(values.length + 1);
        names.add("<" + format(values[0]));
        for (int i = 1; i < values.length; i++) {
            names.add(format(values[i - 1]) + "-" + format(values[i]));
        }
        names.add(">=" + format(values[values.length - 1]));
        return new Edges(values, List.copyOf(names));
    }

    private static Edges withUnknown(Edges edges) {
        List<String> names = new ArrayList<>(edges.names.size() + 1);
        names.add("unknown");
        names.addAll(edges.names);
        return new Edges(edges.values, List.copyOf(names));
    }

    private static List<String> chromaNames() {
        List<String> names = new ArrayList<>();
        for (JpegEncoding.Chroma chroma : JpegEncoding.Chroma.values()) {
            names.add(chroma.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
