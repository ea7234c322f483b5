package io.flowerstream.model.predict;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.flowerstream.model.engine.Precision;
import io.flowerstream.model.net.ChannelsLast;
import io.flowerstream.model.net.FlowerNet;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a whole batch of prepared images into one network input and the batch's logits into
 * scores, with one copy to the device and one copy back, whatever the batch size.
 *
 * <p>Where {@link FlowerTranslator} creates each image on the model's device and reads each
 * image's scores back on its own (on a GPU: N small host-to-device copies, N device-to-host
 * copies, each a synchronisation), this one builds the batch on the host, where each image's
 * direct buffer is wrapped without a copy: the images are stacked once, already laid out
 * {@link ChannelsLast channels-last} (each image's HWC view stacked gives NHWC memory, and a
 * transpose back gives the NCHW shape the network takes), and that one contiguous block goes to
 * the device in one transfer. The softmax runs on the device and the batch's scores come back in
 * one read. On a CPU there is no transfer, and the stack is one copy fewer than stacking then
 * re-laying out. The batch stays on the device from input to scores.
 */
public final class BatchTranslator implements Translator<List<ImageTensor>, List<FlowerScores>> {

    private static final Shape IMAGE = new Shape(FlowerNet.CHANNELS, FlowerNet.INPUT_SIZE, FlowerNet.INPUT_SIZE);

    private final Precision precision;

    /** A translator feeding the network inputs in {@code precision} (the model's weights must be in it too). */
    public BatchTranslator(Precision precision) {
        this.precision = precision;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, List<ImageTensor> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one image");
        }
        NDManager deviceManager = ctx.getNDManager();
        Device device = deviceManager.getDevice();
        // A host-side manager under the predictor's: closed with it, after the forward pass.
        NDManager host = deviceManager.newSubManager(Device.cpu());
        NDList hwc = new NDList(images.size());
        for (ImageTensor image : images) {
            hwc.add(host.create(image.readable(), IMAGE, DataType.FLOAT32).transpose(1, 2, 0));
        }
        NDArray batch = NDArrays.stack(hwc, 0).transpose(0, 3, 1, 2);
        if (!batch.getDevice().equals(device)) {
            batch = batch.toDevice(device, false);
        }
        if (precision.dataType() != DataType.FLOAT32) {
            batch = batch.toType(precision.dataType(), false);
        }
        return new NDList(batch);
    }

    @Override
    public List<FlowerScores> processOutput(TranslatorContext ctx, NDList list) {
        NDArray logits = list.singletonOrThrow();
        int n = Math.toIntExact(logits.getShape().get(0));
        int classes = Math.toIntExact(logits.getShape().get(1));
        float[] all = logits.toType(DataType.FLOAT32, false).softmax(1).toFloatArray();
        List<FlowerScores> scores = new ArrayList<>(n);
        float[] one = new float[classes];
        for (int i = 0; i < n; i++) {
            System.arraycopy(all, i * classes, one, 0, classes);
            scores.add(new FlowerScores(one));
        }
        return scores;
    }

    /** None: the translator handles the batch itself. */
    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}
