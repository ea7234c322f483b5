package io.flowerstream.standalone.gpucheck;

import ai.djl.Device;
import ai.djl.Model;
import io.flowerstream.classifier.image.DecodingInputWriter;
import io.flowerstream.classifier.image.UnclassifiableImageException;
import io.flowerstream.model.engine.Precision;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.predict.BatchPredictor;
import io.flowerstream.model.predict.ImageTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the classifier's batched predictor ({@link BatchPredictor}: one copy to the device, one
 * forward pass, the softmax on the device, one copy back) over a range of batch sizes on
 * prepared images, timing every batch from the list of host tensors to the scores on the host.
 */
final class PredictorSweep {

    /** Batches run untimed at each size first: lazy initialisation, and cuDNN's tuning when it is on. */
    private static final int WARM_UP_BATCHES = 3;
    /** Batches timed at each size at the least, however short the time per size. */
    private static final int MIN_BATCHES = 5;

    /**
     * One batch size's figures.
     *
     * @param batchSize        images per batch
     * @param batches          batches timed
     * @param imagesPerSecond  images over the time the timed batches took
     * @param p50BatchMs       median time of one batch, host tensors to host scores
     * @param p99BatchMs       99th percentile of the same
     */
    record Point(int batchSize, int batches, double imagesPerSecond, double p50BatchMs, double p99BatchMs) {}

    private PredictorSweep() {}

    static List<Point> run(
            List<byte[]> files, Device device, Precision precision, List<Integer> sizes, double secondsPerSize)
            throws Exception {
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<ImageTensor> tensors = prepare(files, largest);
        List<Point> points = new ArrayList<>();
        try (Model model = FlowerModels.newModel(device)) {
            precision.applyTo(model, device);
            BatchPredictor predictor = new BatchPredictor(model, precision);
            for (int size : sizes) {
                List<ImageTensor> batch = tensors.subList(0, size);
                for (int i = 0; i < WARM_UP_BATCHES; i++) {
                    predictor.predict(batch);
                }
                List<Long> nanos = new ArrayList<>();
                long budget = (long) (secondsPerSize * 1e9);
                long start = System.nanoTime();
                while (System.nanoTime() - start < budget || nanos.size() < MIN_BATCHES) {
                    long t0 = System.nanoTime();
                    predictor.predict(batch);
                    nanos.add(System.nanoTime() - t0);
                }
                long total = nanos.stream().mapToLong(Long::longValue).sum();
                long[] sorted =
                        nanos.stream().mapToLong(Long::longValue).sorted().toArray();
                points.add(new Point(
                        size,
                        sorted.length,
                        (double) size * sorted.length / (total / 1e9),
                        quantile(sorted, 0.50) / 1e6,
                        quantile(sorted, 0.99) / 1e6));
            }
        }
        return points;
    }

    /** {@code count} tensors, the files decoded in turn as the classifier decodes them. */
    private static List<ImageTensor> prepare(List<byte[]> files, int count) throws UnclassifiableImageException {
        DecodingInputWriter inputWriter = new DecodingInputWriter();
        List<ImageTensor> tensors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ImageTensor tensor = ImageTensor.allocate();
            inputWriter.write(
                    files.get(i % files.size()), "generated picture " + (i % files.size()), tensor.writable());
            tensors.add(tensor);
        }
        return tensors;
    }

    static long quantile(long[] sorted, double q) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * q) - 1))];
    }

    /** The point with the most images/s. */
    static Point best(List<Point> points) {
        return points.stream()
                .max((a, b) -> Double.compare(a.imagesPerSecond(), b.imagesPerSecond()))
                .orElseThrow();
    }
}
