package io.flowerstream.trainer.run;

import io.flowerstream.model.registry.ModelMetadata;
import io.flowerstream.trainer.publish.PromotionDecision;
import io.flowerstream.trainer.train.TrainingOutcome;

/**
 * What a training run did, for tests and the command line to report.
 *
 * @param version      the version published, or 0 when the run had no registry (training from folders)
 * @param datasetSize  photos in the manifest
 * @param trainPhotos  photos trained on (decoded, training side)
 * @param validationPhotos photos validated on
 * @param outcome      the training history and best epoch
 * @param decision     the promotion gate's decision, null without a registry
 * @param metadata     the metadata as published, null without a registry
 * @param seconds      wall time of the whole run, loading and publishing included
 */
public record RunResult(
        int version,
        int datasetSize,
        int trainPhotos,
        int validationPhotos,
        TrainingOutcome outcome,
        PromotionDecision decision,
        ModelMetadata metadata,
        double seconds) {}
