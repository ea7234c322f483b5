package io.flowerstream.classifier.models;

import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.model.profile.ReferenceProfile;
import io.flowerstream.model.registry.ModelMetadata;

/**
 * What the classifier takes from a published version: its verified weights, and from its metadata the
 * calibration to serve with and the reference profile to compare live traffic with.
 *
 * @param params      {@code model.params}, checksum-verified
 * @param calibration the version's calibration, {@link Calibration#NONE} for one published before calibration
 * @param reference   the profile of its validation photos, or null (no drift score)
 */
public record VersionFiles(byte[] params, Calibration calibration, ReferenceProfile reference) {

    public VersionFiles {
        calibration = Calibration.orNone(calibration);
    }

    /** The weights with what {@code metadata} (null: none) says about serving them. */
    public static VersionFiles of(byte[] params, ModelMetadata metadata) {
        return metadata == null
                ? new VersionFiles(params, Calibration.NONE, null)
                : new VersionFiles(params, metadata.servingCalibration(), metadata.referenceProfile());
    }
}
