package io.flowerstream.standalone.app;

import io.flowerstream.model.engine.DeviceChoice;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything {@code ./flowerstream up} is told, once.
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
public record StandaloneSettings(Path dataDir, Path imagesDir, int perClass, int kafkaPort, int s3Port, int ingestPort,
                                 int classifierPort, int trainerPort, int prometheusPort, int epochs,
                                 Duration trainingBudget, Duration retrainEvery, double imagesPerSecond,
                                 Duration feedbackDelay, long exitAfter, DeviceChoice device) {
}
