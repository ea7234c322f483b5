package io.flowerstream.model.image;

import io.flowerstream.testsupport.SharedDatasets;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Measures decode + resize + scale-to-CHW on the shared photos, for the choice recorded in
 * {@code docs/image-decoding.md}. Not a test: run it by hand with
 * {@code ./mvnw -q -pl model exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.flowerstream.model.image.DecodeBenchmark}
 * after {@code ./mvnw -q -pl model -am install -DskipTests}. Photos are read into memory
 * first, so file I/O is not timed.
 */
public final class DecodeBenchmark {

    private static final int SIZE = ImagePreprocessor.DEFAULT_SIZE;
    private static final int ROUNDS = 2;

    /** One way of turning a photo's bytes into CHW floats in {@code dst}. */
    private interface Pipeline {
        void run(byte[] bytes, String name, FloatBuffer dst) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path folder = args.length > 0 ? Path.of(args[0])
                : SharedDatasets.flowers().orElseThrow(() -> new IllegalStateException(
                        "no shared photos: pass the flowers folder as the first argument"));
        List<byte[]> photos = new ArrayList<>();
        for (Path p : SharedDatasets.allPhotos(folder)) {
            photos.add(Files.readAllBytes(p));
        }
        System.out.printf("%d photos from %s, %d cores, %s%n", photos.size(), folder,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));

        ImageDecoder decoder = new ImageDecoder();
        ImagePreprocessor preprocessor = new ImagePreprocessor(SIZE);
        Pipeline decodeOnly = (bytes, name, dst) -> decoder.decode(bytes, name);
        Pipeline handBilinear = (bytes, name, dst) -> preprocessor.writeChw(decoder.decode(bytes, name), dst);
        Pipeline convertFirst = (bytes, name, dst) -> preprocessor.writeChw(decoder.decode(bytes, name).image(), dst);
        Pipeline graphics2d = (bytes, name, dst) -> preprocessor.writeChw(drawScaled(decoder.decode(bytes, name).image()), dst);
        Pipeline subsampled = (bytes, name, dst) -> preprocessor.writeChw(readSubsampled(bytes), dst);
        Pipeline imageIoRgb = (bytes, name, dst) -> readImageIoRgb(bytes);

        report("ImageIO's RGB read (applies ICC profiles), no guards, no resize", imageIoRgb, photos);
        report("decoder only (guards + raw YCbCr raster, no conversion, no resize)", decodeOnly, photos);
        report("decoder + whole-image RGB conversion + hand-written bilinear", convertFirst, photos);
        report("decoder + bilinear converting only the pixels it reads (chosen)", handBilinear, photos);
        report("decoder + Graphics2D bilinear drawImage, then copy", graphics2d, photos);
        report("ImageIO source subsampling to >= 150 px + hand-written bilinear", subsampled, photos);

        quality(photos, decoder, preprocessor);
    }

    private static void report(String label, Pipeline pipeline, List<byte[]> photos) throws Exception {
        runAll(pipeline, photos, 1); // warm-up: JIT and ImageIO's native code
        double best1 = Double.MAX_VALUE;
        double best2 = 0;
        for (int r = 0; r < ROUNDS; r++) {
            best1 = Math.min(best1, runAll(pipeline, photos, 1) / 1e6 / photos.size());
            best2 = Math.max(best2, photos.size() / (runAll(pipeline, photos, 2) / 1e9));
        }
        System.out.printf("%-66s 1 thread: %5.2f ms/image   2 threads: %6.0f images/s%n", label, best1, best2);
    }

    /** Nanoseconds to push every photo through {@code pipeline} on {@code threads} threads. */
    private static long runAll(Pipeline pipeline, List<byte[]> photos, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    FloatBuffer slot = ByteBuffer.allocateDirect(4 * 3 * SIZE * SIZE).order(ByteOrder.nativeOrder()).asFloatBuffer();
                    for (int i = first; i < photos.size(); i += threads) {
                        slot.clear();
                        pipeline.run(photos.get(i), "photo-" + i, slot);
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdown();
        }
    }

    private static BufferedImage drawScaled(BufferedImage image) {
        BufferedImage out = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, SIZE, SIZE, null);
        g.dispose();
        return out;
    }

    /**
     * ImageIO's own RGB path, as the decoder read photos before it took the raw YCbCr raster:
     * it applies embedded ICC profiles in Java (the two photos whose profile it cannot apply go
     * the decoder's way).
     */
    private static BufferedImage readImageIoRgb(byte[] bytes) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            return reader.read(0, reader.getDefaultReadParam());
        } catch (IllegalArgumentException iccProfileImageIoCannotApply) {
            return new ImageDecoder().decode(bytes, "fallback").image();
        } finally {
            reader.dispose();
        }
    }

    /** Plain ImageIO with source subsampling; no guards, only for timing the idea (the two ICC-profile photos go the decoder's way). */
    private static BufferedImage readSubsampled(byte[] bytes) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int step = Math.max(1, Math.min(reader.getWidth(0), reader.getHeight(0)) / SIZE);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image;
            try {
                image = reader.read(0, param);
            } catch (IllegalArgumentException iccProfileImageIoCannotApply) {
                return new ImageDecoder().decode(bytes, "fallback").image();
            }
            if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
                BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
                rgb.getGraphics().drawImage(image, 0, 0, null);
                return rgb;
            }
            return image;
        } finally {
            reader.dispose();
        }
    }

    /** Mean absolute difference (0-255 scale) of each method against an area-averaged reference. */
    private static void quality(List<byte[]> photos, ImageDecoder decoder, ImagePreprocessor preprocessor) throws Exception {
        double hand = 0;
        double g2d = 0;
        double sub = 0;
        int n = Math.min(200, photos.size());
        for (int i = 0; i < n; i++) {
            BufferedImage full = decoder.decode(photos.get(i), "photo-" + i).image();
            BufferedImage area = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
            area.getGraphics().drawImage(full.getScaledInstance(SIZE, SIZE, Image.SCALE_AREA_AVERAGING), 0, 0, null);
            float[] reference = preprocessor.toChw(area);
            hand += meanAbs(reference, preprocessor.toChw(full));
            g2d += meanAbs(reference, preprocessor.toChw(drawScaled(full)));
            sub += meanAbs(reference, preprocessor.toChw(readSubsampled(photos.get(i))));
        }
        System.out.printf("mean |difference| from an area-averaged reference over %d photos, in 0-255 levels:%n", n);
        System.out.printf("  hand-written bilinear %.2f, Graphics2D bilinear %.2f, subsampled + bilinear %.2f%n", hand / n, g2d / n, sub / n);
    }

    private static double meanAbs(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length * 255;
    }
}
