package io.flowerstream.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.ids.Sha256;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void about_a_quarter_of_the_images_go_to_validation() {
        long validation = 0;
        for (int i = 0; i < 4000; i++) {
            if (Split.of(Sha256.hex(("photo " + i).getBytes())) == Split.VALIDATION) {
                validation++;
            }
        }
        assertThat(validation / 4000.0).isBetween(0.22, 0.28);
    }

    @Test
    void an_image_keeps_its_side_when_the_data_grows() {
        List<LabelledImage> first = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            first.add(new LabelledImage("images/rose/" + i, "rose", Sha256.hex(("a" + i).getBytes())));
        }
        List<LabelledImage> grown = new ArrayList<>(first);
        for (int i = 0; i < 100; i++) {
            grown.add(0, new LabelledImage("images/tulip/" + i, "tulip", Sha256.hex(("b" + i).getBytes())));
        }
        Manifest before = new Manifest(first);
        Manifest after = new Manifest(grown);
        assertThat(after.of(Split.VALIDATION)).containsAll(before.of(Split.VALIDATION));
        assertThat(after.of(Split.TRAIN)).containsAll(before.of(Split.TRAIN));
    }

    @Test
    void the_manifest_hash_depends_on_the_images_not_their_listing_order() {
        List<LabelledImage> images = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            images.add(new LabelledImage("images/daisy/" + i, "daisy", Sha256.hex(("c" + i).getBytes())));
        }
        List<LabelledImage> reversed = new ArrayList<>(images);
        java.util.Collections.reverse(reversed);
        assertThat(new Manifest(reversed).sha256()).isEqualTo(new Manifest(images).sha256());
        assertThat(new String(new Manifest(images).csv())).startsWith("key,label,sha256,split\nimages/daisy/0,daisy,");
    }
}
