package io.flowerstream.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DatasetDecodeTest {

    @Test
    void decodes_every_photo_of_the_shared_dataset_on_two_threads() throws Exception {
        Optional<Path> folder = SharedPhotos.flowersFolder();
        Assumptions.assumeTrue(folder.isPresent(),
                "the shared photos are absent (set -Dflowerstream.datasets=<dir holding flowers/>); skipping the real-photo decode");
        List<Path> photos = SharedPhotos.jpegsUnder(folder.get());
        ImageDecoder decoder = new ImageDecoder();
        ImagePreprocessor preprocessor = new ImagePreprocessor();
        AtomicInteger decoded = new AtomicInteger();
        Map<Path, String> failures = new ConcurrentHashMap<>();
        // Two threads share one decoder and one preprocessor, as the classifier's stream threads will.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (Path photo : photos) {
            pool.submit(() -> {
                try {
                    DecodedImage image = decoder.decode(Files.readAllBytes(photo), photo.toString());
                    float[] chw = preprocessor.toChw(image);
                    if (chw.length == preprocessor.floatsPerImage()) {
                        decoded.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.put(photo, e.toString());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("decoding finished").isTrue();
        System.out.printf("decoded %d of %d photos under %s%n", decoded.get(), photos.size(), folder.get());
        assertThat(failures).isEmpty();
        assertThat(decoded.get()).isEqualTo(photos.size()).isGreaterThanOrEqualTo(1500);
    }
}
