package io.flowerstream.standalone.pipeline;

import io.flowerstream.model.engine.DeviceChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@code ./flowerstream up} is told, once, built with {@link #builder()} from its flags
 * (which hold the defaults).
 *
 * @param dataDir            where the broker, the S3 server and the rest keep their data
 * @param imagesDir          a folder per class of photos, or null for the synthetic set
 * @param perClass           photos per class to use from {@code imagesDir} (0: all), or to render
 * @param kafkaPort          the broker's port
 * @param s3Port             the S3 server's port
 * @param ingestPort         the ingest endpoint's port
 * @param classifierPort     the classifier's {@code /metrics} port
 * @param trainerPort        the trainer's {@code /metrics} port
 * @param prometheusPort     Prometheus' port, or -1 not to start it
 * @param epochs             epochs of each training run
 * @param trainingBudget     the longest one training run may take
 * @param retrainEvery       the longest time between training runs
 * @param imagesPerSecond    rate of the held-back traffic
 * @param feedbackDelay      how long after an image its true label follows
 * @param exitAfter          stop once this many predictions were made (0: run until Ctrl-C)
 * @param device             where to compute
 */
public record StandaloneSettings(
        Path dataDir,
        Path imagesDir,
        int perClass,
        int kafkaPort,
        int s3Port,
        int ingestPort,
        int classifierPort,
        int trainerPort,
        int prometheusPort,
        int epochs,
        Duration trainingBudget,
        Duration retrainEvery,
        double imagesPerSecond,
        Duration feedbackDelay,
        long exitAfter,
        DeviceChoice device) {

    public StandaloneSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(trainingBudget, "trainingBudget");
        Objects.requireNonNull(retrainEvery, "retrainEvery");
        Objects.requireNonNull(feedbackDelay, "feedbackDelay");
        Objects.requireNonNull(device, "device");
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the settings by name; nothing is defaulted here, every setting is given (the flags of {@code up} hold the
     * defaults).
     */
    public static final class Builder {
        private Path dataDir;
        private Path imagesDir;
        private int perClass;
        private int kafkaPort;
        private int s3Port;
        private int ingestPort;
        private int classifierPort;
        private int trainerPort;
        private int prometheusPort;
        private int epochs;
        private Duration trainingBudget;
        private Duration retrainEvery;
        private double imagesPerSecond;
        private Duration feedbackDelay;
        private long exitAfter;
        private DeviceChoice device;

        private Builder() {}

        public Builder dataDir(Path v) {
            dataDir = v;
            return this;
        }

        public Builder imagesDir(Path v) {
            imagesDir = v;
            return this;
        }

        public Builder perClass(int v) {
            perClass = v;
            return this;
        }

        public Builder kafkaPort(int v) {
            kafkaPort = v;
            return this;
        }

        public Builder s3Port(int v) {
            s3Port = v;
            return this;
        }

        public Builder ingestPort(int v) {
            ingestPort = v;
            return this;
        }

        public Builder classifierPort(int v) {
            classifierPort = v;
            return this;
        }

        public Builder trainerPort(int v) {
            trainerPort = v;
            return this;
        }

        public Builder prometheusPort(int v) {
            prometheusPort = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder trainingBudget(Duration v) {
            trainingBudget = v;
            return this;
        }

        public Builder retrainEvery(Duration v) {
            retrainEvery = v;
            return this;
        }

        public Builder imagesPerSecond(double v) {
            imagesPerSecond = v;
            return this;
        }

        public Builder feedbackDelay(Duration v) {
            feedbackDelay = v;
            return this;
        }

        public Builder exitAfter(long v) {
            exitAfter = v;
            return this;
        }

        public Builder device(DeviceChoice v) {
            device = v;
            return this;
        }

        public StandaloneSettings build() {
            return new StandaloneSettings(
                    dataDir,
                    imagesDir,
                    perClass,
                    kafkaPort,
                    s3Port,
                    ingestPort,
                    classifierPort,
                    trainerPort,
                    prometheusPort,
                    epochs,
                    trainingBudget,
                    retrainEvery,
                    imagesPerSecond,
                    feedbackDelay,
                    exitAfter,
                    device);
        }
    }
}
