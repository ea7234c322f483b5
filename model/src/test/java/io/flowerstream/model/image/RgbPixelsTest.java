package io.flowerstream.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowerstream.testsupport.TestImages;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

class RgbPixelsTest {

    @Test
    void reads_a_ycc_raster_view_from_its_own_origin() {
        // A child raster shares its parent's buffer from an offset: a view at (5, 3) must read
        // the parent's pixel (5 + x, 3 + y), and a view with its bands in another order too.
        WritableRaster parent = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 20, 10, 3, null);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                parent.setPixel(x, y, new int[] {(x * 13 + y * 7) & 0xFF, (x * 31) & 0xFF, (y * 29) & 0xFF});
            }
        }
        Raster view = parent.createChild(5, 3, 8, 4, 0, 0, null);
        Raster swapped = parent.createChild(0, 0, 20, 10, 0, 0, new int[] {2, 1, 0});
        RgbPixels whole = RgbPixels.ofYcc(parent);
        RgbPixels part = RgbPixels.ofYcc(view);
        RgbPixels reordered = RgbPixels.ofYcc(swapped);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                assertThat(part.rgb(x, y)).isEqualTo(whole.rgb(5 + x, 3 + y));
                int[] s = parent.getPixel(5 + x, 3 + y, (int[]) null);
                assertThat(whole.rgb(5 + x, 3 + y)).isEqualTo(YccTables.rgb(s[0], s[1], s[2]));
                assertThat(reordered.rgb(5 + x, 3 + y)).isEqualTo(YccTables.rgb(s[2], s[1], s[0]));
            }
        }
    }

    @Test
    void a_decoded_photo_reads_as_its_converted_image() throws Exception {
        DecodedImage photo = new ImageDecoder().decode(TestImages.jpeg(TestImages.noisePhoto(97, 61, 3)), "noise.jpg");
        BufferedImage rgb = photo.image();
        RgbPixels direct = photo.pixels();
        for (int y = 0; y < 61; y++) {
            for (int x = 0; x < 97; x++) {
                assertThat(direct.rgb(x, y)).isEqualTo(rgb.getRGB(x, y) & 0xFFFFFF);
            }
        }
        ImagePreprocessor small = new ImagePreprocessor(16);
        assertThat(small.toChw(photo)).containsExactly(small.toChw(rgb));
    }

    @Test
    void refuses_a_raster_without_three_bands() {
        Raster grey = Raster.createBandedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 4, 4, 1, null);
        assertThatThrownBy(() -> RgbPixels.ofYcc(grey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 bands");
    }
}
