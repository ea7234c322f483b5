package io.flowerstream.standalone.gpucheck;

import java.util.List;

/**
 * Everything one {@code gpu-check} run measured, as written to its JSON file.
 *
 * @param engine     the engine, the GPUs seen and the device used
 * @param precision  the predictor sweep's number format
 * @param training    the training run
 * @param predictor  the predictor sweep, one point per batch size
 * @param endToEnd   the classifier through the embedded broker
 * @param goals      each goal against its measurement
 */
public record GpuCheckResult(
        EngineReport engine,
        String precision,
        TrainingCheck.Report training,
        List<PredictorSweep.Point> predictor,
        EndToEndCheck.Report endToEnd,
        List<Goals.Verdict> goals) {

    /** The sweep's best point. */
    public PredictorSweep.Point bestPredictorPoint() {
        return PredictorSweep.best(predictor);
    }

    /** Whether every goal was met. */
    public boolean goalsMet() {
        return goals.stream().allMatch(Goals.Verdict::met);
    }
}
