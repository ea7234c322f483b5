package io.flowerstream.model.registry;

import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.model.profile.ReferenceProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a published model version is: the content of its {@code metadata.json}, whose presence in
 * storage commits the version.
 *
 * <p>Serialised with {@link io.flowerstream.contracts.events.EventJson}, field names in camelCase. Fields unknown to
 * this class are
 * ignored on read, so older readers accept documents from newer writers.
 *
 * @param version             the version number, set by the registry on publish
 * @param parentVersion       the version training started from, or null for a fresh network
 * @param createdAt           when the version was published
 * @param modelName           the model the version belongs to, e.g. {@code flowers-cnn}
 * @param classes             class names in the network's output order (also {@code synset.txt})
 * @param inputShape          the input tensor's shape without the batch axis, e.g. [3, 150, 150]
 * @param architecture        the network's name, e.g. {@code flowers-cnn-seed}
 * @param history             one entry per trained epoch
 * @param validation          final metrics on the validation split
 * @param datasetManifest     which training data, by size and SHA-256 of its manifest
 * @param device              what it trained on, e.g. {@code cpu()} or {@code gpu(0)}
 * @param trainingTimeSeconds wall time of the training run
 * @param paramsSha256        hex SHA-256 of {@code model.params}, set by the registry and checked on fetch
 * @param promoted            whether the promotion gate accepted this version
 * @param promotionReason     why it was (not) promoted, for people reading the registry
 * @param calibration         temperature and abstain threshold for serving; null in versions published
 *                            before calibration existed ({@link #servingCalibration()} reads those as
 *                            {@link Calibration#NONE}: scores unchanged, nothing unsure)
 * @param referenceProfile    the profile of its validation photos that live traffic is compared with for
 *                            drift; null in versions published before profiles existed (no drift score)
 */
public record ModelMetadata(
        int version,
        Integer parentVersion,
        Instant createdAt,
        String modelName,
        List<String> classes,
        List<Integer> inputShape,
        String architecture,
        List<Epoch> history,
        Validation validation,
        DatasetManifest datasetManifest,
        String device,
        double trainingTimeSeconds,
        String paramsSha256,
        boolean promoted,
        String promotionReason,
        Calibration calibration,
        ReferenceProfile referenceProfile) {

    public ModelMetadata {
        classes = classes == null ? List.of() : List.copyOf(classes);
        inputShape = inputShape == null ? List.of() : List.copyOf(inputShape);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The calibration to serve with: the stored one, or {@link Calibration#NONE} for an older version. */
    public Calibration servingCalibration() {
        return Calibration.orNone(calibration);
    }

    /** One epoch of training. */
    public record Epoch(
            int epoch, double loss, double accuracy, double valLoss, double valAccuracy, double learningRate) {}

    /**
     * Final metrics on the validation split.
     *
     * @param perClass        precision and recall by class name
     * @param confusionMatrix rows are true classes, columns predicted ones, both in {@code classes} order
     */
    public record Validation(
            double accuracy, double loss, Map<String, ClassMetrics> perClass, int[][] confusionMatrix) {
        public Validation {
            perClass = perClass == null ? Map.of() : Map.copyOf(perClass);
        }
    }

    /** Precision and recall of one class. */
    public record ClassMetrics(double precision, double recall) {}

    /** Identifies the training data: the number of images and the SHA-256 of its sorted manifest. */
    public record DatasetManifest(long size, String sha256) {}

    /** The metadata as published: version, model name, creation time and the parameters' hash filled in. */
    ModelMetadata published(int newVersion, String name, Instant now, String sha256) {
        return new ModelMetadata(
                newVersion,
                parentVersion,
                createdAt != null ? createdAt : now,
                name,
                classes,
                inputShape,
                architecture,
                history,
                validation,
                datasetManifest,
                device,
                trainingTimeSeconds,
                sha256,
                promoted,
                promotionReason,
                calibration,
                referenceProfile);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds the draft metadata a trainer hands to {@link ModelRegistry#publish(PublishRequest)}. */
    public static final class Builder {
        private Integer parentVersion;
        private Instant createdAt;
        private List<String> classes = List.of();
        private List<Integer> inputShape = List.of();
        private String architecture;
        private final List<Epoch> history = new ArrayList<>();
        private Validation validation;
        private DatasetManifest datasetManifest;
        private String device;
        private double trainingTimeSeconds;
        private boolean promoted;
        private String promotionReason;
        private Calibration calibration;
        private ReferenceProfile referenceProfile;

        private Builder() {}

        public Builder parentVersion(Integer value) {
            parentVersion = value;
            return this;
        }

        /** Leave unset to stamp the publish time. */
        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder classes(List<String> value) {
            classes = value;
            return this;
        }

        public Builder inputShape(List<Integer> value) {
            inputShape = value;
            return this;
        }

        public Builder architecture(String value) {
            architecture = value;
            return this;
        }

        public Builder epoch(Epoch value) {
            history.add(value);
            return this;
        }

        public Builder history(List<Epoch> value) {
            history.clear();
            history.addAll(value);
            return this;
        }

        public Builder validation(Validation value) {
            validation = value;
            return this;
        }

        public Builder datasetManifest(DatasetManifest value) {
            datasetManifest = value;
            return this;
        }

        public Builder device(String value) {
            device = value;
            return this;
        }

        public Builder trainingTimeSeconds(double value) {
            trainingTimeSeconds = value;
            return this;
        }

        public Builder promoted(boolean value, String reason) {
            promoted = value;
            promotionReason = reason;
            return this;
        }

        public Builder calibration(Calibration value) {
            calibration = value;
            return this;
        }

        public Builder referenceProfile(ReferenceProfile value) {
            referenceProfile = value;
            return this;
        }

        /** A draft: version 0, no model name and no hash until the registry publishes it. */
        public ModelMetadata build() {
            return new ModelMetadata(
                    0,
                    parentVersion,
                    createdAt,
                    null,
                    classes,
                    inputShape,
                    architecture,
                    history,
                    validation,
                    datasetManifest,
                    device,
                    trainingTimeSeconds,
                    null,
                    promoted,
                    promotionReason,
                    calibration,
                    referenceProfile);
        }
    }
}
