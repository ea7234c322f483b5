package io.flowerstream.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flowerstream.model.image.ImageRejectedException.RejectStage;
import io.flowerstream.testsupport.TestImages;
import java.awt.Color;
import org.junit.jupiter.api.Test;

class ImageDecoderRefusalTest {

    private final ImageDecoder decoder = new ImageDecoder();

    private ImageRejectedException refusal(ImageDecoder decoder, byte[] bytes) {
        return catchThrowableOfType(ImageRejectedException.class, () -> decoder.decode(bytes, "upload-42"));
    }

    private ImageRejectedException refusal(byte[] bytes) {
        return refusal(decoder, bytes);
    }

    @Test
    void refuses_zero_bytes_as_empty() {
        ImageRejectedException e = refusal(new byte[0]);
        assertThat(e.reason()).isEqualTo(RejectReason.EMPTY);
        assertThat(e.getMessage()).startsWith("upload-42: ").contains("[empty]");
    }

    @Test
    void refuses_a_jpeg_cut_in_half_as_truncated() {
        byte[] whole = TestImages.jpeg(TestImages.halves(64, 48, Color.RED, Color.BLUE));
        ImageRejectedException e = refusal(TestImages.truncated(whole, 0.5));
        assertThat(e.code()).isEqualTo("truncated");
        assertThat(e.stage()).isEqualTo(RejectStage.GUARD);
        assertThat(e.getMessage()).contains("upload-42").contains("send the complete file");
    }

    @Test
    void refuses_a_jpeg_cut_inside_its_headers_as_truncated() {
        byte[] whole = TestImages.jpeg(TestImages.solid(16, 16, Color.RED));
        assertThat(refusal(TestImages.truncated(whole, 0.1)).reason()).isEqualTo(RejectReason.TRUNCATED);
    }

    @Test
    void refuses_a_png_without_iend_as_truncated() {
        byte[] png = TestImages.png(TestImages.solid(16, 16, Color.RED));
        assertThat(refusal(TestImages.pngWithoutEnd(png)).reason()).isEqualTo(RejectReason.TRUNCATED);
        assertThat(refusal(TestImages.truncated(png, 0.6)).reason()).isEqualTo(RejectReason.TRUNCATED);
    }

    @Test
    void refuses_text_as_not_an_image() {
        assertThat(refusal(TestImages.text()).reason()).isEqualTo(RejectReason.NOT_AN_IMAGE);
    }

    @Test
    void refuses_html_as_not_an_image() {
        ImageRejectedException e = refusal(TestImages.html());
        assertThat(e.code()).isEqualTo("not_an_image");
        assertThat(e.getMessage()).contains("upload-42").contains("send a JPEG or PNG");
    }

    @Test
    void refuses_random_bytes_as_not_an_image() {
        for (long seed = 0; seed < 20; seed++) {
            byte[] random = TestImages.randomBytes(4096, seed);
            random[0] = 0x00; // no seed may start with a real signature by chance
            assertThat(refusal(random).reason()).isEqualTo(RejectReason.NOT_AN_IMAGE);
        }
    }

    @Test
    void refuses_random_bytes_behind_a_jpeg_signature_without_crashing() {
        for (long seed = 0; seed < 50; seed++) {
            byte[] random = TestImages.randomBytes(4096, seed);
            random[0] = (byte) 0xFF;
            random[1] = (byte) 0xD8;
            random[2] = (byte) 0xFF;
            assertThat(refusal(random).reason())
                    .isIn(
                            RejectReason.CORRUPT,
                            RejectReason.TRUNCATED,
                            RejectReason.TOO_MANY_PIXELS,
                            RejectReason.TOO_SMALL);
        }
    }

    @Test
    void refuses_a_png_header_claiming_50000_by_50000_pixels_at_the_header_guard() {
        ImageRejectedException e = refusal(TestImages.pngClaiming(50_000, 50_000));
        assertThat(e.reason()).isEqualTo(RejectReason.TOO_MANY_PIXELS);
        assertThat(e.stage()).isEqualTo(RejectStage.GUARD);
        assertThat(e.getMessage()).contains("50000x50000");
    }

    @Test
    void refuses_a_jpeg_header_claiming_50000_by_50000_pixels_at_the_header_guard() {
        ImageRejectedException e = refusal(TestImages.jpegClaiming(50_000, 50_000));
        assertThat(e.reason()).isEqualTo(RejectReason.TOO_MANY_PIXELS);
        assertThat(e.stage()).isEqualTo(RejectStage.GUARD);
    }

    @Test
    void inspect_refuses_the_huge_header_too() {
        ImageRejectedException e = catchThrowableOfType(
                ImageRejectedException.class,
                () -> decoder.inspect(TestImages.pngClaiming(50_000, 50_000), "huge.png"));
        assertThat(e.reason()).isEqualTo(RejectReason.TOO_MANY_PIXELS);
    }

    @Test
    void refuses_a_header_claiming_zero_width_as_too_small() {
        assertThat(refusal(TestImages.pngClaiming(0, 10)).reason()).isEqualTo(RejectReason.TOO_SMALL);
    }

    @Test
    void refuses_a_file_over_max_bytes_as_too_large_before_looking_at_it() {
        ImageDecoder small = new ImageDecoder(new ImageLimits(1_000, ImageLimits.DEFAULT_MAX_PIXELS));
        byte[] big = TestImages.randomBytes(1_001, 7);
        ImageRejectedException e = refusal(small, big);
        assertThat(e.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(e.getMessage()).contains("1001 bytes").contains("1000");
    }

    @Test
    void refuses_a_gif_as_unsupported_format() {
        ImageRejectedException e = refusal(TestImages.gif(TestImages.solid(8, 8, Color.RED)));
        assertThat(e.code()).isEqualTo("unsupported_format");
        assertThat(e.getMessage()).contains("GIF").contains("convert the image to JPEG or PNG");
    }

    @Test
    void refuses_a_bmp_as_unsupported_format() {
        assertThat(refusal(TestImages.bmp(TestImages.solid(8, 8, Color.RED))).reason())
                .isEqualTo(RejectReason.UNSUPPORTED_FORMAT);
    }

    @Test
    void refuses_a_png_with_a_broken_ihdr_crc_as_corrupt() {
        byte[] png = TestImages.png(TestImages.solid(8, 8, Color.RED));
        png[16 + 3] ^= 0x01; // flip a bit of the width, leaving the stored CRC stale
        assertThat(refusal(png).reason()).isEqualTo(RejectReason.CORRUPT);
    }

    @Test
    void refuses_a_png_with_garbled_pixel_data_as_corrupt() {
        byte[] png = TestImages.png(TestImages.halves(32, 32, Color.RED, Color.BLUE));
        int idat = indexOf(png, "IDAT");
        for (int i = idat + 6; i < idat + 20; i++) {
            png[i] = (byte) 0xA5;
        }
        ImageRejectedException e = refusal(png);
        assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT);
        assertThat(e.stage()).isEqualTo(RejectStage.DECODE);
    }

    @Test
    void sniff_names_the_format_from_magic_bytes_alone() throws Exception {
        assertThat(decoder.sniff(TestImages.jpeg(TestImages.solid(8, 8, Color.RED)), "a.png"))
                .isEqualTo(ImageFormat.JPEG);
        assertThat(decoder.sniff(TestImages.png(TestImages.solid(8, 8, Color.RED)), "a.jpg"))
                .isEqualTo(ImageFormat.PNG);
    }

    private static int indexOf(byte[] bytes, String ascii) {
        outer:
        for (int i = 0; i + ascii.length() <= bytes.length; i++) {
            for (int j = 0; j < ascii.length(); j++) {
                if (bytes[i + j] != ascii.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException(ascii + " not found");
    }
}
