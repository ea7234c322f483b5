package io.flowerstream.trainer.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowerstream.trainer.data.LabelledImage;
import io.flowerstream.trainer.data.Manifest;
import io.flowerstream.trainer.data.PhotoStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewPhotoSamplerTest {

    private static String id(String name) {
        byte[] b = new byte[32];
        byte[] n = name.getBytes();
        System.arraycopy(n, 0, b, 0, Math.min(32, n.length));
        return HexFormat.of().formatHex(b);
    }

    /**
     * A store of {@code old} photos the champion saw followed by {@code fresh} new ones, and the champion's manifest.
     */
    private static Fixture fixture(int old, int fresh) {
        List<LabelledImage> images = new ArrayList<>();
        for (int i = 0; i < old + fresh; i++) {
            String name = (i < old ? "old" : "new") + i;
            images.add(new LabelledImage("images/rose/" + name + ".jpg", "rose", id(name)));
        }
        byte[][] pixels = new byte[images.size()][PhotoStore.BYTES_PER_PHOTO];
        Manifest championManifest = new Manifest(images.subList(0, old));
        return new Fixture(
                new PhotoStore(images, pixels), SeenPhotos.ofManifestCsv(championManifest.csv(), "champion version 1"));
    }

    private record Fixture(PhotoStore store, SeenPhotos seen) {
        int[] all() {
            return java.util.stream.IntStream.range(0, store.size()).toArray();
        }
    }

    @Test
    void repeats_new_photos_until_they_make_up_the_share_of_an_epoch() {
        Fixture f = fixture(900, 100);
        NewPhotoSampler.Plan plan = new NewPhotoSampler(0.3).plan(f.store(), f.all(), f.seen());

        assertThat(plan.newPhotos()).isEqualTo(100);
        assertThat(plan.oldPhotos()).isEqualTo(900);
        assertThat(plan.repeats()).isEqualTo(4);
        assertThat(plan.order()).hasSize(900 + 400);
        assertThat(plan.newShare()).isGreaterThanOrEqualTo(0.3);
        // Every old photo is still drawn once: the champion's knowledge is kept, not dropped.
        assertThat(Arrays.stream(plan.order()).filter(i -> i < 900).count()).isEqualTo(900);
        assertThat(Arrays.stream(plan.order()).filter(i -> i == 950).count()).isEqualTo(4);
    }

    @Test
    void caps_the_repeats_when_the_new_photos_are_very_few() {
        Fixture f = fixture(1000, 5);
        NewPhotoSampler.Plan plan = new NewPhotoSampler(0.5).plan(f.store(), f.all(), f.seen());

        assertThat(plan.repeats()).isEqualTo(NewPhotoSampler.MAX_REPEATS);
        assertThat(plan.newShare()).isLessThan(0.5);
        assertThat(plan.summary())
                .contains("5 training photos new to the champion")
                .contains("drawn 10 times");
    }

    @Test
    void leaves_the_epoch_alone_when_switched_off_or_when_new_photos_already_have_their_share() {
        Fixture f = fixture(300, 200);
        assertThat(new NewPhotoSampler(0).plan(f.store(), f.all(), f.seen()).order())
                .containsExactly(f.all());
        assertThat(new NewPhotoSampler(0.3).plan(f.store(), f.all(), f.seen()).order())
                .containsExactly(f.all());
    }

    @Test
    void treats_every_photo_alike_without_a_champion_manifest() {
        Fixture f = fixture(300, 20);
        NewPhotoSampler.Plan plan = new NewPhotoSampler(0.3).plan(f.store(), f.all(), SeenPhotos.none());

        assertThat(plan.order()).containsExactly(f.all());
        assertThat(plan.newPhotos()).isZero();
    }

    @Test
    void refuses_a_share_outside_zero_to_one_naming_the_value() {
        assertThatThrownBy(() -> new NewPhotoSampler(1.0))
                .hasMessageContaining("1.0")
                .hasMessageContaining("0.3");
        assertThatThrownBy(() -> new NewPhotoSampler(-0.1)).hasMessageContaining("-0.1");
    }
}
