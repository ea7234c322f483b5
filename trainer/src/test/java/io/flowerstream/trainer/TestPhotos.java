package io.flowerstream.trainer;

import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.trainer.data.LabelledImage;
import io.flowerstream.trainer.data.PhotoStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic stored photos that a network can tell apart quickly: each class a different dominant colour. */
public final class TestPhotos {

    private TestPhotos() {}

    /** {@code perClass} noisy photos of each class, ids made up. */
    public static PhotoStore store(int perClass, long seed) {
        Random random = new Random(seed);
        List<LabelledImage> images = new ArrayList<>();
        List<byte[]> pixels = new ArrayList<>();
        int plane = PhotoStore.BYTES_PER_PHOTO / 3;
        for (int c = 0; c < FlowerClasses.count(); c++) {
            for (int i = 0; i < perClass; i++) {
                String id = String.format("%064x", (long) c * 1_000_003 + i + seed * 7919);
                images.add(new LabelledImage(
                        "images/" + FlowerClasses.NAMES.get(c) + "/" + id + ".jpg", FlowerClasses.NAMES.get(c), id));
                byte[] p = new byte[PhotoStore.BYTES_PER_PHOTO];
                for (int ch = 0; ch < 3; ch++) {
                    int level = ((c + ch) % 3) * 100 + (c >= 3 ? 50 : 0);
                    for (int k = 0; k < plane; k++) {
                        p[ch * plane + k] = (byte) Math.max(0, Math.min(255, level + random.nextInt(40)));
                    }
                }
                pixels.add(p);
            }
        }
        return new PhotoStore(images, pixels.toArray(byte[][]::new));
    }
}
