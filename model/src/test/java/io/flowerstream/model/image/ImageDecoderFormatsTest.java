package io.flowerstream.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.testsupport.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageDecoderFormatsTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void decodes_a_png_with_the_right_colour_at_a_known_pixel() throws Exception {
        DecodedImage decoded =
                decoder.decode(TestImages.png(TestImages.halves(20, 10, Color.RED, Color.BLUE)), "halves.png");
        assertThat(decoded.format()).isEqualTo(ImageFormat.PNG);
        assertThat(decoded.width()).isEqualTo(20);
        assertThat(decoded.height()).isEqualTo(10);
        assertThat(rgb(decoded, 2, 5)).isEqualTo(0xFF0000);
        assertThat(rgb(decoded, 17, 5)).isEqualTo(0x0000FF);
    }

    @Test
    void decodes_a_jpeg_with_roughly_the_right_colours() throws Exception {
        DecodedImage decoded =
                decoder.decode(TestImages.jpeg(TestImages.halves(64, 32, Color.RED, Color.BLUE)), "halves.jpg");
        assertThat(decoded.format()).isEqualTo(ImageFormat.JPEG);
        assertClose(rgb(decoded, 8, 16), 0xFF0000);
        assertClose(rgb(decoded, 56, 16), 0x0000FF);
    }

    @Test
    void reads_a_photo_as_libjpeg_converts_it_without_a_profile_pixel_for_pixel() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.noisePhoto(97, 61, 7));
        BufferedImage reference = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        DecodedImage decoded = decoder.decode(jpeg, "noise.jpg");
        int worst = 0;
        for (int y = 0; y < 61; y++) {
            for (int x = 0; x < 97; x++) {
                int a = rgb(decoded, x, y);
                int b = reference.getRGB(x, y) & 0xFFFFFF;
                for (int shift = 0; shift <= 16; shift += 8) {
                    worst = Math.max(worst, Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)));
                }
            }
        }
        // ImageIO's own path has libjpeg convert a profile-less JFIF file: the same tables.
        assertThat(worst).as("largest channel difference to ImageIO's RGB").isZero();
    }

    @Test
    void decodes_a_grey_png_to_equal_rgb_channels_without_changing_the_level() throws Exception {
        DecodedImage decoded = decoder.decode(TestImages.greyPng(8, 8, 100), "grey.png");
        assertThat(rgb(decoded, 3, 3)).isEqualTo(100 << 16 | 100 << 8 | 100);
    }

    @Test
    void decodes_a_png_with_alpha_over_white() throws Exception {
        assertThat(rgb(decoder.decode(TestImages.alphaPng(8, 8, Color.RED, 255), "opaque.png"), 1, 1))
                .isEqualTo(0xFF0000);
        assertThat(rgb(decoder.decode(TestImages.alphaPng(8, 8, Color.RED, 0), "clear.png"), 1, 1))
                .isEqualTo(0xFFFFFF);
        int half = rgb(decoder.decode(TestImages.alphaPng(8, 8, Color.BLACK, 128), "half.png"), 1, 1);
        assertThat(half & 0xFF).isBetween(126, 128);
    }

    @Test
    void decodes_a_16_bit_png_to_8_bit_rgb() throws Exception {
        DecodedImage decoded = decoder.decode(TestImages.sixteenBitPng(8, 8, 65535, 32896, 0), "deep.png");
        assertThat(rgb(decoded, 4, 4)).isEqualTo(0xFF8000);
    }

    @Test
    void decodes_a_cmyk_jpeg_to_rgb() throws Exception {
        DecodedImage decoded = decoder.decode(TestImages.cmykJpeg(64, 32), "cmyk.jpg");
        assertClose(rgb(decoded, 8, 16), 0xFF0000);
        assertClose(rgb(decoded, 56, 16), 0x0000FF);
    }

    @Test
    void turns_a_jpeg_upright_by_its_exif_orientation() throws Exception {
        byte[] sideways =
                TestImages.withExifOrientation(TestImages.jpeg(TestImages.halves(64, 32, Color.RED, Color.BLUE)), 6);
        assertThat(decoder.inspect(sideways, "sideways.jpg").orientation()).isEqualTo(6);
        DecodedImage decoded = decoder.decode(sideways, "sideways.jpg");
        // Orientation 6 is a quarter turn clockwise: the left (red) half ends on top.
        assertThat(decoded.width()).isEqualTo(32);
        assertThat(decoded.height()).isEqualTo(64);
        assertClose(rgb(decoded, 16, 8), 0xFF0000);
        assertClose(rgb(decoded, 16, 56), 0x0000FF);
    }

    @Test
    void inspect_reads_format_and_size_without_decoding() throws Exception {
        ImageHeader header = decoder.inspect(TestImages.jpeg(TestImages.solid(40, 30, Color.GREEN)), "green.jpg");
        assertThat(header).isEqualTo(new ImageHeader(ImageFormat.JPEG, 40, 30, 1));
        assertThat(decoder.inspect(TestImages.png(TestImages.solid(7, 9, Color.GREEN)), "green.png"))
                .isEqualTo(new ImageHeader(ImageFormat.PNG, 7, 9, 1));
    }

    @Test
    void formats_know_their_extension_and_content_type() {
        assertThat(ImageFormat.JPEG.extension()).isEqualTo("jpg");
        assertThat(ImageFormat.JPEG.contentType()).isEqualTo("image/jpeg");
        assertThat(ImageFormat.PNG.extension()).isEqualTo("png");
        assertThat(ImageFormat.PNG.contentType()).isEqualTo("image/png");
    }

    private static int rgb(DecodedImage decoded, int x, int y) {
        BufferedImage image = decoded.image();
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    /** JPEG is lossy: each channel within 24 levels. */
    private static void assertClose(int actual, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat(actual >> shift & 0xFF)
                    .as("channel at bit %d of %06X vs %06X", shift, actual, expected)
                    .isCloseTo(expected >> shift & 0xFF, org.assertj.core.data.Offset.offset(24));
        }
    }
}
