package io.flowerstream.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.testsupport.SamplePhotos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Real photos (the committed sample set) through the decoder and the preprocessor, as the classifier uses them. */
class DatasetDecodeTest {

    @Test
    void decodes_every_sample_photo_on_two_threads() throws Exception {
        List<Path> photos = SamplePhotos.all();
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
                    // A photo's YCbCr samples are read directly; the floats must be exactly those of
                    // its full RGB conversion, which is what the network was trained on before.
                    if (!Arrays.equals(chw, preprocessor.toChw(image.image()))) {
                        failures.put(photo, "direct YCbCr read differs from the converted RGB image");
                    } else if (chw.length == preprocessor.floatsPerImage()) {
                        decoded.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.put(photo, e.toString());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES))
                .as("decoding finished")
                .isTrue();
        assertThat(failures).isEmpty();
        assertThat(decoded.get()).isEqualTo(photos.size()).isEqualTo(5 * SamplePhotos.PER_CLASS);
    }
}
