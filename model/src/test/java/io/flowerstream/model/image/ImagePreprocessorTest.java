package io.flowerstream.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowerstream.testsupport.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

    private final ImagePreprocessor seed = new ImagePreprocessor();

    @Test
    void produces_3_by_150_by_150_floats_in_zero_to_one() {
        float[] chw = seed.toChw(TestImages.halves(320, 240, new Color(10, 200, 30), Color.WHITE));
        assertThat(chw).hasSize(3 * 150 * 150);
        for (float v : chw) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void lays_out_red_then_green_then_blue_planes() {
        // Left half pure red, right half pure blue; 10x10 output from a 40x20 image (stretched, no crop).
        ImagePreprocessor small = new ImagePreprocessor(10);
        float[] chw = small.toChw(TestImages.halves(40, 20, Color.RED, Color.BLUE));
        int plane = 100;
        int leftPixel = 5 * 10 + 1;
        int rightPixel = 5 * 10 + 8;
        assertThat(chw[leftPixel]).as("R at left").isEqualTo(1f);
        assertThat(chw[plane + leftPixel]).as("G at left").isEqualTo(0f);
        assertThat(chw[2 * plane + leftPixel]).as("B at left").isEqualTo(0f);
        assertThat(chw[rightPixel]).as("R at right").isEqualTo(0f);
        assertThat(chw[2 * plane + rightPixel]).as("B at right").isEqualTo(1f);
    }

    @Test
    void gives_the_same_floats_for_int_rgb_and_byte_bgr_images() {
        BufferedImage intRgb = TestImages.halves(37, 23, new Color(12, 34, 56), new Color(200, 150, 100));
        BufferedImage bgr = new BufferedImage(37, 23, BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(intRgb, 0, 0, null);
        ImagePreprocessor small = new ImagePreprocessor(16);
        assertThat(small.toChw(bgr)).containsExactly(small.toChw(intRgb));
    }

    @Test
    void writes_at_the_buffers_position_and_advances_it() {
        ImagePreprocessor small = new ImagePreprocessor(4);
        FloatBuffer batch = ByteBuffer.allocateDirect(4 * 2 * small.floatsPerImage())
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        batch.position(small.floatsPerImage());
        small.writeChw(TestImages.solid(8, 8, Color.GREEN), batch);
        assertThat(batch.position()).isEqualTo(2 * small.floatsPerImage());
        assertThat(batch.get(0)).as("slot 0 untouched").isEqualTo(0f);
        int slot1 = small.floatsPerImage();
        assertThat(batch.get(slot1)).as("R").isEqualTo(0f);
        assertThat(batch.get(slot1 + 16)).as("G").isEqualTo(1f);
        assertThat(batch.get(slot1 + 32)).as("B").isEqualTo(0f);
    }

    @Test
    void refuses_a_buffer_without_room_and_writes_nothing() {
        ImagePreprocessor small = new ImagePreprocessor(4);
        FloatBuffer tooShort = FloatBuffer.allocate(small.floatsPerImage() - 1);
        assertThatThrownBy(() -> small.writeChw(TestImages.solid(8, 8, Color.RED), tooShort))
                .isInstanceOf(BufferOverflowException.class);
        assertThat(tooShort.position()).isZero();
    }

    @Test
    void preprocesses_a_decoded_photo() throws Exception {
        DecodedImage decoded =
                new ImageDecoder().decode(TestImages.jpeg(TestImages.solid(500, 375, Color.YELLOW)), "yellow.jpg");
        float[] chw = seed.toChw(decoded);
        assertThat(chw[75 * 150 + 75]).isCloseTo(1f, org.assertj.core.data.Offset.offset(0.05f));
        assertThat(chw[2 * 150 * 150 + 75 * 150 + 75]).isCloseTo(0f, org.assertj.core.data.Offset.offset(0.05f));
    }
}
