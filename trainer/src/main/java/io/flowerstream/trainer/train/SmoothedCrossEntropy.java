package io.flowerstream.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy from the logits against label-smoothed targets: the true class gets
 * {@code 1 - e + e/K} and every other class {@code e/K} (Szegedy et al., "Rethinking the Inception
 * Architecture"). It keeps the network from driving its logits apart on a small training set,
 * a regulariser that costs no step time. With {@code e = 0} it equals DJL's sparse
 * softmax cross-entropy.
 */
public final class SmoothedCrossEntropy extends Loss {

    private final Loss sparse = Loss.softmaxCrossEntropyLoss();
    private final float smoothing;

    /** Labels are class indexes as floats; {@code smoothing} in [0, 1). */
    public SmoothedCrossEntropy(float smoothing) {
        super("SmoothedCrossEntropy");
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("--label-smoothing must be in [0, 1), was " + smoothing);
        }
        this.smoothing = smoothing;
    }

    /**
     * The target is {@code (1 - e) * onehot + e * uniform}, so the loss is {@code (1 - e)} times
     * the plain cross-entropy plus {@code e} times the mean of {@code -log p} over the classes
     * (the PyTorch engine has no one-hot with custom on/off values to build the targets).
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray plain = sparse.evaluate(labels, predictions);
        if (smoothing == 0) {
            return plain;
        }
        NDArray uniform = predictions
                .singletonOrThrow()
                .logSoftmax(1)
                .mean(new int[] {1})
                .neg()
                .mean();
        return plain.mul(1 - smoothing).add(uniform.mul(smoothing));
    }
}
