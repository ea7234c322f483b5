package io.flowerstream.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flowerstream.model.shift.SourceShift;
import io.flowerstream.testsupport.TestImages;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class JpegEncodingTest {

    private static final BufferedImage PHOTO = TestImages.noisePhoto(96, 64, 3);

    @Test
    void estimates_the_quality_a_jpeg_was_written_at() {
        assertThat(JpegEncoding.of(SourceShift.jpeg(PHOTO, 0.92f)).quality()).isCloseTo(92, within(2));
        assertThat(JpegEncoding.of(SourceShift.jpeg(PHOTO, 0.75f)).quality()).isCloseTo(75, within(2));
        assertThat(JpegEncoding.of(SourceShift.jpeg(PHOTO, 0.20f)).quality()).isCloseTo(20, within(3));
    }

    @Test
    void reads_the_chroma_subsampling_of_the_frame_header() {
        assertThat(JpegEncoding.of(SourceShift.jpeg(PHOTO, 0.9f)).chroma()).isEqualTo(JpegEncoding.Chroma.S420);
    }

    @Test
    void knows_nothing_of_a_png_or_of_garbage() {
        assertThat(JpegEncoding.of(TestImages.png(PHOTO))).isEqualTo(JpegEncoding.UNKNOWN);
        assertThat(JpegEncoding.of(TestImages.randomBytes(100, 1))).isEqualTo(JpegEncoding.UNKNOWN);
        assertThat(JpegEncoding.of(TestImages.truncated(SourceShift.jpeg(PHOTO, 0.9f), 0.01))
                        .quality())
                .isEqualTo(-1);
    }
}
