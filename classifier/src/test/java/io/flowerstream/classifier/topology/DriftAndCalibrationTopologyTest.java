package io.flowerstream.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flowerstream.classifier.image.DecodingInputWriter;
import io.flowerstream.classifier.metrics.DriftMonitor;
import io.flowerstream.classifier.models.LoadedModel;
import io.flowerstream.classifier.models.ModelHolder;
import io.flowerstream.contracts.events.PredictionEvent;
import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.predict.FlowerScores;
import io.flowerstream.model.predict.ImageTensor;
import io.flowerstream.model.profile.InputStatistics;
import io.flowerstream.model.profile.ProfileCounts;
import io.flowerstream.model.profile.ProfilePart;
import io.flowerstream.model.profile.ReferenceProfile;
import io.flowerstream.model.shift.SourceShift;
import io.flowerstream.testsupport.SyntheticPhotos;
import io.flowerstream.testsupport.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibrated, unsure-marked predictions and the drift score through the whole topology, with a
 * randomly initialised network: the reference profile is built from one set of generated "training
 * source" photos exactly as the trainer builds it (statistics, predicted class, calibrated confidence),
 * then other photos are streamed through the classifier.
 */
class DriftAndCalibrationTopologyTest {

    /** The threshold of the FlowersInputDrift alert (dashboards/prometheus/rules). */
    private static final double ALERT = DriftMonitor.ALERT_THRESHOLD;

    private static final int PHOTOS = 160;

    @TempDir
    Path stateDir;

    private static byte[] trainingSource(int seed) {
        return SourceShift.CLEAN.apply(SyntheticPhotos.garden(seed));
    }

    /** Another source: web thumbnails, re-compressed hard, with a warm cast and soft focus. */
    private static byte[] otherSource(int seed) {
        return SourceShift.chain(
                SyntheticPhotos.garden(seed),
                SourceShift.SQUARE_128,
                SourceShift.COLOUR_CAST,
                SourceShift.BLUR,
                SourceShift.JPEG_Q20);
    }

    /** The reference profile of photos {@code from..from+count} of a source, as the trainer makes it. */
    private static ReferenceProfile reference(ModelHolder models, IntFunction<byte[]> source, int from, int count)
            throws Exception {
        DecodingInputWriter inputWriter = new DecodingInputWriter();
        ProfileCounts counts = new ProfileCounts();
        try (ModelHolder.Lease lease = models.acquire()) {
            LoadedModel model = lease.model();
            for (int start = from; start < from + count; start += 32) {
                List<ImageTensor> batch = new ArrayList<>();
                List<InputStatistics> statistics = new ArrayList<>();
                for (int i = start; i < Math.min(start + 32, from + count); i++) {
                    ImageTensor tensor = ImageTensor.allocate();
                    statistics.add(inputWriter.write(source.apply(i), "reference photo " + i, tensor.writable()));
                    batch.add(tensor);
                }
                List<FlowerScores> scores = model.predict(batch);
                for (int i = 0; i < batch.size(); i++) {
                    FlowerScores s = model.calibration().apply(scores.get(i));
                    counts.add(statistics.get(i), s.bestIndex(), s.confidence());
                }
            }
        }
        return counts.toReference();
    }

    private static Map<ProfilePart, Double> stream(TopologyFixture f, IntFunction<byte[]> source, int from, int count) {
        for (int i = from; i < from + count; i++) {
            f.sendImage("photo-" + i, source.apply(i));
        }
        f.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(f.predictions()).hasSize(count);
        Map<ProfilePart, Double> scores = new LinkedHashMap<>();
        for (ProfilePart part : ProfilePart.values()) {
            scores.put(
                    part,
                    f.registry
                            .get("flowers.classifier.drift")
                            .tags("model_version", "1", "part", part.tag())
                            .gauge()
                            .value());
        }
        return scores;
    }

    @Test
    void photos_from_the_training_source_stay_under_the_drift_threshold_on_every_part() throws Exception {
        try (TopologyFixture f = new TopologyFixture(stateDir, 32, Duration.ofMillis(10))) {
            f.metrics.drift().watch(1, reference(f.models, DriftAndCalibrationTopologyTest::trainingSource, 0, PHOTOS));

            Map<ProfilePart, Double> scores =
                    stream(f, DriftAndCalibrationTopologyTest::trainingSource, 10_000, PHOTOS);

            assertThat(scores)
                    .allSatisfy(
                            (part, score) -> assertThat(score).as(part.tag()).isLessThan(ALERT));
        }
    }

    @Test
    void photos_from_another_source_raise_the_drift_score_over_the_threshold() throws Exception {
        try (TopologyFixture f = new TopologyFixture(stateDir, 32, Duration.ofMillis(10))) {
            f.metrics.drift().watch(1, reference(f.models, DriftAndCalibrationTopologyTest::trainingSource, 0, PHOTOS));

            Map<ProfilePart, Double> scores = stream(f, DriftAndCalibrationTopologyTest::otherSource, 10_000, PHOTOS);

            assertThat(scores.get(ProfilePart.WIDTH)).isGreaterThan(ALERT);
            assertThat(scores.get(ProfilePart.HEIGHT)).isGreaterThan(ALERT);
            assertThat(scores.get(ProfilePart.JPEG_QUALITY)).isGreaterThan(ALERT);
            assertThat(scores.get(ProfilePart.COLOUR_CAST)).isGreaterThan(ALERT);
        }
    }

    @Test
    void predictions_carry_the_calibrated_confidence_and_are_marked_and_counted_unsure_below_the_threshold()
            throws Exception {
        try (TopologyFixture f = new TopologyFixture(stateDir, 4, Duration.ofMillis(10))) {
            f.sendImage("raw", TestImages.jpeg(1));
            f.driver.advanceWallClockTime(Duration.ofSeconds(1));
            PredictionEvent uncalibrated = f.predictions().get(0);
            ai.djl.Model network = FlowerModels.newModel(ai.djl.Device.cpu());
            Calibration calibration = new Calibration(3.0, 0.999, "test");
            // The same network unwrapped, to see its raw scores; the holder closes the network at the end.
            LoadedModel rawView = new LoadedModel(2, network);
            f.models.swap(new LoadedModel(2, network, calibration));
            f.metrics.modelLoaded(2, 1);

            for (int i = 0; i < 4; i++) {
                f.sendImage("calibrated-" + i, TestImages.jpeg(i));
            }
            f.driver.advanceWallClockTime(Duration.ofSeconds(1));

            assertThat(uncalibrated.unsure())
                    .as("an uncalibrated version marks nothing unsure")
                    .isFalse();
            List<PredictionEvent> made = f.predictions();
            assertThat(made).hasSize(4);
            DecodingInputWriter inputWriter = new DecodingInputWriter();
            for (int i = 0; i < 4; i++) {
                ImageTensor tensor = ImageTensor.allocate();
                inputWriter.write(TestImages.jpeg(i), "photo " + i, tensor.writable());
                FlowerScores raw = rawView.predict(List.of(tensor)).get(0);
                PredictionEvent served = made.get(i);
                assertThat(served.confidence())
                        .isCloseTo(calibration.apply(raw).confidence(), within(1e-5))
                        .isLessThan(raw.confidence());
                assertThat(served.label()).isEqualTo(raw.label());
                assertThat(served.unsure()).isTrue();
                assertThat(served.scores().values().stream()
                                .mapToDouble(Float::doubleValue)
                                .sum())
                        .isCloseTo(1.0, within(1e-4));
            }
            assertThat(f.counter("flowers.classifier.unsure.predictions", "model_version", "2"))
                    .isEqualTo(4);
            assertThat(f.counter("flowers.classifier.unsure.predictions", "model_version", "1"))
                    .isZero();
        }
    }
}
