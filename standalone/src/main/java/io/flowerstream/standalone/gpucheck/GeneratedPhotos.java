package io.flowerstream.standalone.gpucheck;

import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.ids.Sha256;
import io.flowerstream.standalone.synthetic.SyntheticFlowerSet;
import io.flowerstream.trainer.data.ImageSource;
import io.flowerstream.trainer.data.LabelledImage;
import io.flowerstream.trainer.data.PhotoLoader;
import io.flowerstream.trainer.data.PhotoStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pictures every part of {@code gpu-check} runs on: synthetic flowers (the standalone set's
 * renderer), JPEG-encoded as a user would publish them, the five classes in turn, so that the
 * check needs no photo set and a network can learn them (the loss must fall). Speed does not
 * depend on what the pictures show.
 */
final class GeneratedPhotos {

    private final List<LabelledImage> images = new ArrayList<>();
    private final Map<String, byte[]> bytesByKey = new LinkedHashMap<>();

    /** {@code count} pictures, seeded. */
    GeneratedPhotos(int count, long seed) {
        SyntheticFlowerSet set = new SyntheticFlowerSet();
        for (int i = 0; i < count; i++) {
            String label = FlowerClasses.NAMES.get(i % FlowerClasses.count());
            byte[] jpeg = set.jpeg(label, seed + i);
            String key = "generated/" + label + "/" + i + ".jpg";
            images.add(new LabelledImage(key, label, Sha256.hex(jpeg)));
            bytesByKey.put(key, jpeg);
        }
    }

    /** The JPEG files, in generation order. */
    List<byte[]> files() {
        return List.copyOf(bytesByKey.values());
    }

    /** The pictures decoded for training, on {@code threads} threads, as the trainer decodes photos. */
    PhotoStore decode(int threads) throws IOException {
        ImageSource source = new ImageSource() {
            @Override
            public List<LabelledImage> list() {
                return images;
            }

            @Override
            public byte[] read(LabelledImage image) {
                return bytesByKey.get(image.key());
            }

            @Override
            public String describe() {
                return "gpu-check's generated pictures";
            }
        };
        return new PhotoLoader(threads).load(source, images);
    }
}
