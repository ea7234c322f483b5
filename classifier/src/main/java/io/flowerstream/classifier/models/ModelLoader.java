package io.flowerstream.classifier.models;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import io.flowerstream.classifier.metrics.ClassifierMetrics;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.predict.ImageTensor;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a version number into a model ready to serve: fetch (checksum verified by the source),
 * load the weights, and warm up with one full-size forward pass so the first real batch does not
 * pay for lazy initialisation. Weights that fit none of the known networks' shapes are refused
 * when loading (reason {@code malformed}); the warm-up pass refuses what loads but cannot run on
 * this device (reason {@code warmup}).
 */
public final class ModelLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    private final ModelSource source;
    private final Device device;
    private final int warmupBatch;
    private final ClassifierMetrics metrics;

    public ModelLoader(ModelSource source, Device device, int warmupBatch, ClassifierMetrics metrics) {
        this.source = source;
        this.device = device;
        this.warmupBatch = warmupBatch;
        this.metrics = metrics;
    }

    public ModelSource source() {
        return source;
    }

    /** Loads and warms up {@code version}; the caller owns the result. */
    public LoadedModel load(int version) throws ModelLoadException {
        long start = System.nanoTime();
        VersionFiles files = source.fetch(version);
        Model model;
        try {
            model = FlowerModels.load(files.params(), device, source.describe() + " version " + version);
        } catch (MalformedModelException e) {
            throw new ModelLoadException(ModelLoadException.Reason.MALFORMED, version, e.getMessage(), e);
        }
        LoadedModel loaded = new LoadedModel(version, model, files.calibration());
        try {
            List<ImageTensor> batch = new ArrayList<>();
            for (int i = 0; i < warmupBatch; i++) {
                batch.add(ImageTensor.allocate());
            }
            loaded.predict(batch);
        } catch (Exception e) {
            loaded.release();
            throw new ModelLoadException(
                    ModelLoadException.Reason.WARMUP,
                    version,
                    "version " + version + " loaded but a forward pass failed (" + e + "): it is not servable on "
                            + device,
                    e);
        }
        long nanos = System.nanoTime() - start;
        metrics.modelLoaded(version, nanos);
        metrics.drift().watch(version, files.reference());
        LOG.info(
                "model version {} from {} loaded and warmed up on {} in {} ms; calibration: temperature {}, unsure "
                        + "below {}; {}",
                version,
                source.describe(),
                device,
                nanos / 1_000_000,
                files.calibration().temperature(),
                files.calibration().abstainBelow(),
                files.reference() == null
                        ? "no reference profile (no drift score)"
                        : "drift against a reference profile of "
                                + files.reference().photos() + " photos");
        return loaded;
    }
}
