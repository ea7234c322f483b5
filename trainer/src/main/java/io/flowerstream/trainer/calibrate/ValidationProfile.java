package io.flowerstream.trainer.calibrate;

import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.model.profile.InputStatistics;
import io.flowerstream.model.profile.ProfileCounts;
import io.flowerstream.model.profile.ReferenceProfile;
import io.flowerstream.trainer.data.PhotoStore;
import io.flowerstream.trainer.train.Evaluation;
import java.util.Optional;

/**
 * Builds the reference profile a version is published with: for each of its validation photos, the
 * predicted class, the calibrated top-1 confidence, and the file's input statistics, binned as the
 * classifier bins live traffic.
 */
public final class ValidationProfile {

    private ValidationProfile() {}

    /** The profile of {@code validation}'s photos in {@code store}; null when the store has no input statistics. */
    public static ReferenceProfile of(PhotoStore store, Evaluation validation, Calibration calibration) {
        int[] photos = validation.photoIndexes();
        double[][] calibrated = VersionCalibration.scaled(validation.probabilities(), calibration.temperature());
        ProfileCounts counts = new ProfileCounts();
        for (int i = 0; i < photos.length; i++) {
            Optional<InputStatistics> statistics = store.statistics(photos[i]);
            if (statistics.isEmpty()) {
                return null;
            }
            int best = CalibrationError.argmax(calibrated[i]);
            counts.add(statistics.get(), best, calibrated[i][best]);
        }
        return counts.observations() == 0 ? null : counts.toReference();
    }
}
