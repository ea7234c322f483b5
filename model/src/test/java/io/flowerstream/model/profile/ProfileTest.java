package io.flowerstream.model.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flowerstream.model.image.ImagePreprocessor;
import io.flowerstream.model.image.JpegEncoding;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class ProfileTest {

    @Test
    void jensen_shannon_distance_is_zero_for_the_same_shape_and_one_for_disjoint_histograms() {
        assertThat(JensenShannon.distance(new long[] {1, 2, 3}, new long[] {10, 20, 30}))
                .isCloseTo(0, within(1e-12));
        assertThat(JensenShannon.distance(new long[] {5, 0, 0}, new long[] {0, 0, 7}))
                .isCloseTo(1, within(1e-12));
        double some = JensenShannon.distance(new long[] {5, 5, 0}, new long[] {0, 5, 5});
        assertThat(some).isBetween(0.5, 0.9);
        assertThat(JensenShannon.distance(new long[] {0, 0}, new long[] {1, 1})).isNaN();
    }

    @Test
    void measures_brightness_and_colourfulness_on_the_network_input() {
        ImagePreprocessor pre = new ImagePreprocessor();
        InputStatistics grey = stats(pre, solid(new Color(128, 128, 128)));
        InputStatistics red = stats(pre, halves(new Color(220, 20, 20), new Color(20, 200, 40)));

        assertThat(grey.brightness()).isCloseTo(128 / 255.0, within(0.01));
        assertThat(grey.colourfulness()).isCloseTo(0, within(0.5));
        assertThat(red.colourfulness()).isGreaterThan(100);
        assertThat(grey.width()).isEqualTo(40);
        assertThat(grey.encoding()).isEqualTo(JpegEncoding.UNKNOWN);
    }

    @Test
    void bytes_and_floats_give_the_same_statistics() {
        ImagePreprocessor pre = new ImagePreprocessor();
        float[] chw = pre.toChw(halves(new Color(200, 120, 30), new Color(30, 60, 200)));
        byte[] stored = new byte[chw.length];
        for (int i = 0; i < chw.length; i++) {
            stored[i] = (byte) Math.round(chw[i] * 255);
        }

        InputStatistics fromFloats = InputStatistics.of(null, 40, 30, FloatBuffer.wrap(chw), 0, chw.length / 3);
        InputStatistics fromBytes = InputStatistics.of(null, 40, 30, stored);

        assertThat(fromBytes.brightness()).isCloseTo(fromFloats.brightness(), within(0.005));
        assertThat(fromBytes.colourfulness()).isCloseTo(fromFloats.colourfulness(), within(0.5));
    }

    @Test
    void a_window_that_adds_and_removes_an_observation_ends_where_it_began() {
        ProfileCounts counts = new ProfileCounts();
        InputStatistics input =
                new InputStatistics(128, 128, 0.5, 20, 0.02, 5, new JpegEncoding(20, JpegEncoding.Chroma.S420));
        counts.add(input, 1, 0.55);
        int[] bins =
                ProfileCounts.bins(new InputStatistics(640, 480, 0.95, 140, 0.4, 12, JpegEncoding.UNKNOWN), 4, 0.99);
        counts.add(bins);
        counts.remove(bins);

        assertThat(counts.observations()).isEqualTo(1);
        assertThat(counts.counts(ProfilePart.WIDTH)).containsExactly(0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(counts.counts(ProfilePart.CONFIDENCE)).containsExactly(0, 0, 0, 1, 0, 0, 0, 0, 0);
        assertThat(counts.counts(ProfilePart.JPEG_QUALITY)).containsExactly(0, 1, 0, 0, 0, 0, 0, 0);
        assertThat(counts.toReference().counts(ProfilePart.PREDICTION)).containsExactly(0, 1, 0, 0, 0);
    }

    @Test
    void every_part_has_as_many_bin_names_as_bins_and_a_lower_case_tag() {
        for (ProfilePart part : ProfilePart.values()) {
            assertThat(part.binNames()).hasSize(part.bins());
            assertThat(ProfilePart.ofTag(part.tag())).isEqualTo(part);
        }
        assertThat(ProfilePart.JPEG_QUALITY.binNames()).startsWith("unknown", "<30", "30-50");
    }

    private static InputStatistics stats(ImagePreprocessor pre, BufferedImage image) {
        float[] chw = pre.toChw(image);
        return InputStatistics.of(
                new byte[] {(byte) 0x89, 'P', 'N', 'G'},
                image.getWidth(),
                image.getHeight(),
                FloatBuffer.wrap(chw),
                0,
                chw.length / 3);
    }

    private static BufferedImage solid(Color c) {
        return halves(c, c);
    }

    private static BufferedImage halves(Color left, Color right) {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, 20, 30);
        g.setColor(right);
        g.fillRect(20, 0, 20, 30);
        g.dispose();
        return image;
    }
}
