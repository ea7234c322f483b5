package io.flowerstream.trainer.data;

import io.flowerstream.model.image.DecodedImage;
import io.flowerstream.model.image.ImageDecoder;
import io.flowerstream.model.image.ImagePreprocessor;
import io.flowerstream.model.image.ImageRejectedException;
import io.flowerstream.model.profile.InputStatistics;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a {@link PhotoStore}: reads, decodes and resizes every photo once, on a few threads.
 *
 * <p>Photos go through the same {@link ImageDecoder} and {@link ImagePreprocessor} as the
 * classifier's, so training sees what inference will. A photo that does not decode is left out
 * and logged (one bad upload must not stop retraining); a read failure (storage down) fails the
 * load, since training on whatever happened to arrive would publish a model of unknown data.
 */
public final class PhotoLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PhotoLoader.class);

    private final ImageDecoder decoder = new ImageDecoder();
    private final ImagePreprocessor preprocessor = new ImagePreprocessor();
    private final int threads;

    /** A loader decoding on {@code threads} threads; each holds at most one photo's bytes at a time. */
    public PhotoLoader(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** The decoded photos of {@code images} from {@code source}, rejected ones left out. */
    public PhotoStore load(ImageSource source, List<LabelledImage> images) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "photo-loader");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[PhotoStore.BYTES_PER_PHOTO]);
        try {
            List<Future<Loaded>> futures = new ArrayList<>(images.size());
            for (LabelledImage image : images) {
                futures.add(pool.submit(() -> decode(source, image, scratch.get())));
            }
            List<LabelledImage> kept = new ArrayList<>(images.size());
            List<byte[]> pixels = new ArrayList<>(images.size());
            List<InputStatistics> statistics = new ArrayList<>(images.size());
            for (int i = 0; i < images.size(); i++) {
                Loaded p = futures.get(i).get();
                if (p != null) {
                    kept.add(images.get(i));
                    pixels.add(p.pixels());
                    statistics.add(p.statistics());
                }
            }
            if (kept.isEmpty()) {
                throw new IOException("none of the " + images.size() + " photos in " + source.describe()
                        + " could be decoded: check that they are JPEG or PNG photos");
            }
            if (kept.size() < images.size()) {
                LOG.warn(
                        "left out {} of {} photos that could not be " + "decoded",
                        images.size() - kept.size(),
                        images.size());
            }
            return new PhotoStore(kept, pixels.toArray(byte[][]::new), statistics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading photos from " + source.describe(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(
                    "could not load photos from " + source.describe() + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One photo's stored input and what it looked like as a file (for the reference profile). */
    private record Loaded(byte[] pixels, InputStatistics statistics) {}

    private Loaded decode(ImageSource source, LabelledImage image, float[] chw) throws IOException {
        DecodedImage decoded;
        byte[] bytes = source.read(image);
        try {
            decoded = decoder.decode(bytes, image.key(), preprocessor.size());
        } catch (ImageRejectedException e) {
            LOG.warn("leaving out {}: {}", image.key(), e.getMessage());
            return null;
        }
        preprocessor.writeChw(decoded, FloatBuffer.wrap(chw));
        byte[] pixels = quantise(chw);
        return new Loaded(pixels, InputStatistics.of(bytes, decoded.width(), decoded.height(), pixels));
    }

    /** Back to one byte per sample: at most half a grey level off, invisible to the network. */
    static byte[] quantise(float[] chw) {
        byte[] out = new byte[chw.length];
        for (int i = 0; i < chw.length; i++) {
            int v = Math.round(chw[i] * 255f);
            out[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return out;
    }
}
