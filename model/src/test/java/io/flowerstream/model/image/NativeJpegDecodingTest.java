package io.flowerstream.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flowerstream.testsupport.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The native (libjpeg-turbo) path of {@link ImageDecoder}, forced with {@link JpegDecoding#NATIVE}
 * and checked against the ImageIO path on generated JPEGs: sizes, DCT scaling, orientation,
 * progressive and grey files, the CMYK fallback, and refusals with the same reasons. Skipped, with
 * the package to install, where the system's libturbojpeg is missing ({@code .ci/run} installs it).
 */
class NativeJpegDecodingTest {

    private final ImageDecoder imageIo = new ImageDecoder(ImageLimits.defaults(), JpegDecoding.IMAGEIO);
    private ImageDecoder nativeJpeg;

    @BeforeEach
    void needs_libturbojpeg() {
        NativeJpegReader.Loaded loaded = NativeJpegReader.load();
        Assumptions.assumeTrue(
                loaded.reader().isPresent(),
                () -> loaded.failure() + " (.ci/run does): this test is skipped until then");
        nativeJpeg = new ImageDecoder(ImageLimits.defaults(), JpegDecoding.NATIVE);
    }

    @Test
    void says_which_codec_it_uses() {
        assertThat(nativeJpeg.jpegCodec()).contains("libjpeg-turbo").contains("TurboJPEG");
        assertThat(imageIo.jpegCodec()).isEqualTo("ImageIO");
    }

    @Test
    void decodes_a_whole_photo_like_imageio_within_one_level() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.noisePhoto(97, 61, 7));
        DecodedImage fast = nativeJpeg.decode(jpeg, "noise.jpg");
        DecodedImage reference = imageIo.decode(jpeg, "noise.jpg");
        assertThat(fast.width()).isEqualTo(97);
        assertThat(fast.height()).isEqualTo(61);
        assertThat(largestDifference(fast.image(), reference.image())).isLessThanOrEqualTo(1);
    }

    @Test
    void decodes_a_1300_by_975_photo_at_half_size_for_a_150_pixel_target() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.noisePhoto(1300, 975, 3));
        DecodedImage half = nativeJpeg.decode(jpeg, "big.jpg", 150);
        assertThat(half.width()).isEqualTo(650);
        assertThat(half.height()).isEqualTo(488);
        // ImageIO cannot shrink while decoding: it returns the whole photo for the same call.
        assertThat(imageIo.decode(jpeg, "big.jpg", 150).width()).isEqualTo(1300);
    }

    @Test
    void decodes_a_500_by_375_photo_at_half_size_under_a_100_pixel_floor_and_whole_by_default() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.noisePhoto(500, 375, 4));
        assertThat(nativeJpeg.decode(jpeg, "photo.jpg", 150, 2.0 / 3.0).width()).isEqualTo(250);
        assertThat(nativeJpeg.decode(jpeg, "photo.jpg", 150).width()).isEqualTo(500);
        assertThat(nativeJpeg
                        .decode(TestImages.jpeg(TestImages.noisePhoto(100, 80, 5)), "small.jpg", 150)
                        .width())
                .isEqualTo(100);
    }

    @Test
    void feeds_the_network_nearly_the_same_input_as_imageio_after_dct_scaling() throws Exception {
        byte[] jpeg = TestImages.jpeg(smoothPhoto(500, 375));
        ImagePreprocessor preprocessor = new ImagePreprocessor();
        float[] fast = preprocessor.toChw(nativeJpeg.decode(jpeg, "smooth.jpg", preprocessor.size(), 1.0));
        float[] reference = preprocessor.toChw(imageIo.decode(jpeg, "smooth.jpg"));
        double sum = 0;
        for (int i = 0; i < fast.length; i++) {
            sum += Math.abs(fast[i] - reference[i]);
        }
        assertThat(sum / fast.length * 255)
                .as("mean difference in 0-255 levels")
                .isLessThan(2.0);
    }

    @Test
    void turns_a_scaled_photo_upright_by_its_exif_orientation() throws Exception {
        byte[] sideways =
                TestImages.withExifOrientation(TestImages.jpeg(TestImages.halves(640, 320, Color.RED, Color.BLUE)), 6);
        DecodedImage decoded = nativeJpeg.decode(sideways, "sideways.jpg", 150, 1.0);
        // Stored 640x320, shrunk by 2 to 320x160, then a quarter turn clockwise: the red half on top.
        assertThat(decoded.width()).isEqualTo(160);
        assertThat(decoded.height()).isEqualTo(320);
        assertClose(rgb(decoded.image(), 80, 20), 0xFF0000);
        assertClose(rgb(decoded.image(), 80, 300), 0x0000FF);
    }

    @Test
    void decodes_a_progressive_jpeg_like_imageio() throws Exception {
        byte[] jpeg = TestImages.progressiveJpeg(TestImages.noisePhoto(120, 90, 11));
        assertThat(largestDifference(
                        nativeJpeg.decode(jpeg, "progressive.jpg").image(),
                        imageIo.decode(jpeg, "progressive.jpg").image()))
                .isLessThanOrEqualTo(1);
    }

    @Test
    void decodes_a_grey_jpeg_to_equal_rgb_channels() throws Exception {
        byte[] jpeg = TestImages.greyJpeg(64, 16);
        BufferedImage fast = nativeJpeg.decode(jpeg, "grey.jpg").image();
        BufferedImage reference = imageIo.decode(jpeg, "grey.jpg").image();
        int pixel = rgb(fast, 40, 8);
        assertThat(pixel >> 16 & 0xFF).isEqualTo(pixel >> 8 & 0xFF).isEqualTo(pixel & 0xFF);
        assertThat(largestDifference(fast, reference)).isLessThanOrEqualTo(1);
    }

    @Test
    void leaves_a_cmyk_jpeg_to_imageio_and_gets_the_same_pixels() throws Exception {
        byte[] cmyk = TestImages.cmykJpeg(64, 32);
        assertThat(largestDifference(
                        nativeJpeg.decode(cmyk, "cmyk.jpg", 150).image(),
                        imageIo.decode(cmyk, "cmyk.jpg").image()))
                .isZero();
    }

    @Test
    void refuses_a_truncated_jpeg_with_the_same_reason_as_imageio() {
        byte[] cut = TestImages.truncated(TestImages.jpeg(TestImages.noisePhoto(64, 48, 1)), 0.5);
        ImageRejectedException fast = refusal(nativeJpeg, cut);
        ImageRejectedException reference = refusal(imageIo, cut);
        assertThat(fast.reason()).isEqualTo(reference.reason()).isEqualTo(RejectReason.TRUNCATED);
        assertThat(fast.stage()).isEqualTo(reference.stage());
    }

    @Test
    void hands_a_jpeg_libjpeg_turbo_cannot_decode_to_imageio_which_refuses_it_as_corrupt() {
        byte[] bogus = withBogusHuffmanTable(TestImages.jpeg(TestImages.noisePhoto(64, 48, 2)));
        ImageRejectedException fast = refusal(nativeJpeg, bogus);
        ImageRejectedException reference = refusal(imageIo, bogus);
        assertThat(fast.reason()).isEqualTo(reference.reason()).isEqualTo(RejectReason.CORRUPT);
        assertThat(fast.stage()).isEqualTo(reference.stage());
    }

    @Test
    void rejects_an_unknown_decoder_choice_naming_the_accepted_ones() {
        assertThat(JpegDecoding.parse(" ImageIO ", "test")).isEqualTo(JpegDecoding.IMAGEIO);
        assertThatThrownBy(() -> JpegDecoding.parse("turbo", JpegDecoding.ENV))
                .hasMessageContaining(JpegDecoding.ENV)
                .hasMessageContaining("turbo")
                .hasMessageContaining("auto, native or imageio");
    }

    /** Gradients without noise: what a photo's flowers and sky mostly are, and where both paths should agree. */
    private static BufferedImage smoothPhoto(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = x * 255 / width;
                int g = y * 255 / height;
                int b = (int) (127 + 100 * Math.sin(x / 40.0) * Math.cos(y / 30.0));
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    /**
     * {@code jpeg} with the code counts of its first Huffman table (DHT) raised past 256 codes: libjpeg stops with an
     * error.
     */
    private static byte[] withBogusHuffmanTable(byte[] jpeg) {
        byte[] out = Arrays.copyOf(jpeg, jpeg.length);
        for (int i = 2; i + 1 < out.length; i++) {
            if ((out[i] & 0xFF) == 0xFF && (out[i + 1] & 0xFF) == 0xC4) {
                Arrays.fill(out, i + 5, i + 5 + 16, (byte) 0xFF);
                return out;
            }
        }
        throw new IllegalStateException("the JDK's JPEG writer wrote no DHT segment");
    }

    private static ImageRejectedException refusal(ImageDecoder decoder, byte[] bytes) {
        return catchThrowableOfType(ImageRejectedException.class, () -> decoder.decode(bytes, "upload-7", 150));
    }

    private static int largestDifference(BufferedImage a, BufferedImage b) {
        assertThat(a.getWidth()).isEqualTo(b.getWidth());
        assertThat(a.getHeight()).isEqualTo(b.getHeight());
        int worst = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = rgb(a, x, y);
                int q = rgb(b, x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    worst = Math.max(worst, Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF)));
                }
            }
        }
        return worst;
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    /** JPEG is lossy: each channel within 24 levels. */
    private static void assertClose(int actual, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat(Math.abs((actual >> shift & 0xFF) - (expected >> shift & 0xFF)))
                    .as("channel at bit %d of %06X", shift, actual)
                    .isLessThanOrEqualTo(24);
        }
    }
}
