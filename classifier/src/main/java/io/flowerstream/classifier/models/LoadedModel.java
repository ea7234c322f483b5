package io.flowerstream.classifier.models;

import ai.djl.Model;
import ai.djl.translate.TranslateException;
import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.model.engine.Precision;
import io.flowerstream.model.predict.BatchPredictor;
import io.flowerstream.model.predict.FlowerScores;
import io.flowerstream.model.predict.ImageTensor;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One loaded model version, reference-counted so that it is closed only when it has been
 * replaced and the last batch running on it has finished.
 *
 * <p>The holder owns one reference; each batch takes one for its duration
 * ({@link ModelHolder#acquire()}). Native memory is freed when the count reaches zero.
 */
public final class LoadedModel {

    private final int version;
    private final Model model;
    private final Calibration calibration;
    private final BatchPredictor predictor;
    private final AtomicInteger references = new AtomicInteger(1);
    private final ReentrantLock forwardPass = new ReentrantLock();

    /** An uncalibrated version predicting in FP32 (tests, sources without metadata). */
    public LoadedModel(int version, Model model) {
        this(version, model, Calibration.NONE);
    }

    /** Version {@code version} served with {@code calibration}, predicting in FP32. */
    public LoadedModel(int version, Model model, Calibration calibration) {
        this(version, model, calibration, Precision.FP32);
    }

    /** The same in {@code precision}: the model's weights must already be cast ({@link Precision#applyTo}). */
    public LoadedModel(int version, Model model, Calibration calibration, Precision precision) {
        this.version = version;
        this.model = model;
        this.calibration = Calibration.orNone(calibration);
        this.predictor = new BatchPredictor(model, precision);
    }

    public int version() {
        return version;
    }

    /** The temperature and abstain threshold the version's predictions are served with. */
    public Calibration calibration() {
        return calibration;
    }

    /**
     * Runs one batch as one forward pass, with one copy to the device and one copy back
     * ({@link BatchPredictor}). A DJL predictor is not thread-safe, so each batch gets its own:
     * creating one only allocates a sub-manager, which is cheap next to the forward pass.
     *
     * <p>Forward passes run one at a time: one pass already spreads over all of PyTorch's
     * intra-op threads (every core), so a second at once would only oversubscribe the cores and
     * slow both. Stream threads waiting here are not idle work lost: the other threads keep
     * reading records and decoding the next batch meanwhile.
     */
    public List<FlowerScores> predict(List<ImageTensor> batch) throws TranslateException {
        forwardPass.lock();
        try {
            return predictor.predict(batch);
        } finally {
            forwardPass.unlock();
        }
    }

    /** Takes a reference unless the model is already closed. */
    boolean tryRetain() {
        while (true) {
            int count = references.get();
            if (count == 0) {
                return false;
            }
            if (references.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the model. */
    void release() {
        if (references.decrementAndGet() == 0) {
            model.close();
        }
    }

    /** Whether the native model has been closed (tests). */
    boolean isClosed() {
        return references.get() == 0;
    }
}
