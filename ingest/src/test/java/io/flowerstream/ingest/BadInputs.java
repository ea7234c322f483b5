package io.flowerstream.ingest;

import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.testsupport.TestImages;
import java.awt.Color;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The bad inputs both publishing paths must refuse, the push CLI and HTTP, each with the reason
 * and HTTP status it must get: one list, so that the two paths are held to the same cases.
 */
public final class BadInputs {

    /** A good JPEG, the one every bad input is compared with or cut from. */
    public static final byte[] GOOD = TestImages.jpeg(TestImages.halves(64, 48, Color.YELLOW, Color.GREEN));

    private BadInputs() {}

    /** File name, bytes, reason, HTTP status. */
    public static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("truncated.jpg", TestImages.truncated(GOOD, 0.5), "truncated", 400),
                Arguments.of("zero-byte.jpg", new byte[0], "empty", 400),
                Arguments.of("notes.txt", TestImages.text(), "not_an_image", 400),
                Arguments.of("page.html", TestImages.html(), "not_an_image", 400),
                Arguments.of("huge-header.png", TestImages.pngClaiming(50_000, 50_000), "too_many_pixels", 400),
                Arguments.of("oversized.jpg", oversized(), "too_large", 413));
    }

    private static byte[] oversized() {
        byte[] bytes = new byte[(int) ImageLimits.DEFAULT_MAX_BYTES + 1];
        System.arraycopy(GOOD, 0, bytes, 0, GOOD.length);
        return bytes;
    }
}
