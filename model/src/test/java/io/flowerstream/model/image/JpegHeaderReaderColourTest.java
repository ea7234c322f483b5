package io.flowerstream.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.testsupport.TestImages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which three-channel JPEGs hold YCbCr, by libjpeg's rule, since only those take the raw-raster path. */
class JpegHeaderReaderColourTest {

    @Test
    void a_jfif_file_is_ycbcr() throws Exception {
        assertThat(JpegHeaderReader.read(TestImages.jpeg(TestImages.noisePhoto(16, 16, 1)), "jfif.jpg")
                        .isYccJpeg())
                .isTrue();
    }

    @Test
    void an_adobe_file_with_transform_0_is_rgb() throws Exception {
        assertThat(JpegHeaderReader.read(frame(adobe(0), 1, 2, 3), "adobe-rgb.jpg")
                        .isYccJpeg())
                .isFalse();
    }

    @Test
    void an_adobe_file_with_transform_1_is_ycbcr() throws Exception {
        assertThat(JpegHeaderReader.read(frame(adobe(1), 1, 2, 3), "adobe-ycc.jpg")
                        .isYccJpeg())
                .isTrue();
    }

    @Test
    void without_markers_component_ids_r_g_b_mean_rgb() throws Exception {
        assertThat(JpegHeaderReader.read(frame(new byte[0], 'R', 'G', 'B'), "ids-rgb.jpg")
                        .isYccJpeg())
                .isFalse();
        assertThat(JpegHeaderReader.read(frame(new byte[0], 1, 2, 3), "ids-123.jpg")
                        .isYccJpeg())
                .isTrue();
    }

    /** An APP14 "Adobe" segment with the given colour transform. */
    private static byte[] adobe(int transform) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xEE);
        out.write(0);
        out.write(14);
        out.writeBytes("Adobe".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0, 100, 0, 0, 0, 0, (byte) transform});
        return out.toByteArray();
    }

    /** SOI, the given segment, a 3-component baseline frame of 8x8 with these ids, an empty scan, EOI. */
    private static byte[] frame(byte[] segment, int id1, int id2, int id3) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        out.writeBytes(segment);
        out.writeBytes(new byte[] {
            (byte) 0xFF,
            (byte) 0xC0,
            0,
            17,
            8,
            0,
            8,
            0,
            8,
            3,
            (byte) id1,
            0x11,
            0,
            (byte) id2,
            0x11,
            0,
            (byte) id3,
            0x11,
            0
        });
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 12, 3, 1, 0, 2, 0, 3, 0, 0, 63, 0});
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }
}
