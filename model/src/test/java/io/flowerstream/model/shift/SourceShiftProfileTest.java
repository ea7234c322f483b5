package io.flowerstream.model.shift;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.model.image.DecodedImage;
import io.flowerstream.model.image.ImageDecoder;
import io.flowerstream.model.image.ImagePreprocessor;
import io.flowerstream.model.profile.InputStatistics;
import io.flowerstream.model.profile.JensenShannon;
import io.flowerstream.model.profile.ProfileCounts;
import io.flowerstream.model.profile.ProfilePart;
import io.flowerstream.testsupport.SyntheticPhotos;
import java.nio.FloatBuffer;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each source shift moves the input statistic that measures it far enough for the drift alert's
 * threshold (0.3, as in the classifier's DriftMonitor), and photos from the same source do not.
 */
class SourceShiftProfileTest {

    private static final double THRESHOLD = 0.3;
    private static final int PHOTOS = 120;
    private static final Set<ProfilePart> INPUT_PARTS =
            EnumSet.complementOf(EnumSet.of(ProfilePart.PREDICTION, ProfilePart.CONFIDENCE));

    private static final ImageDecoder DECODER = new ImageDecoder();
    private static final ImagePreprocessor PREPROCESSOR = new ImagePreprocessor();
    private static ProfileCounts reference;

    @BeforeAll
    static void referenceFromTheTrainingSource() throws Exception {
        reference = profile(SourceShift.CLEAN, 0);
    }

    private static ProfileCounts profile(SourceShift shift, int firstSeed) throws Exception {
        ProfileCounts counts = new ProfileCounts();
        float[] chw = new float[PREPROCESSOR.floatsPerImage()];
        for (int seed = firstSeed; seed < firstSeed + PHOTOS; seed++) {
            byte[] bytes = shift.apply(SyntheticPhotos.garden(seed));
            DecodedImage image = DECODER.decode(bytes, "photo " + seed);
            PREPROCESSOR.writeChw(image, FloatBuffer.wrap(chw));
            counts.add(
                    InputStatistics.of(bytes, image.width(), image.height(), FloatBuffer.wrap(chw), 0, chw.length / 3),
                    0,
                    0.5);
        }
        return counts;
    }

    private static double distance(ProfileCounts live, ProfilePart part) {
        return JensenShannon.distance(reference.counts(part), live.counts(part));
    }

    @Test
    void other_photos_from_the_same_source_stay_under_the_threshold_on_every_input_part() throws Exception {
        ProfileCounts same = profile(SourceShift.CLEAN, 50_000);

        for (ProfilePart part : INPUT_PARTS) {
            assertThat(distance(same, part)).as(part.tag()).isLessThan(THRESHOLD);
        }
    }

    @Test
    void each_shift_crosses_the_threshold_on_the_part_that_measures_it() throws Exception {
        Map<SourceShift, ProfilePart> shows = Map.of(
                SourceShift.SQUARE_128, ProfilePart.WIDTH,
                SourceShift.JPEG_Q20, ProfilePart.JPEG_QUALITY,
                SourceShift.COLOUR_CAST, ProfilePart.COLOUR_CAST,
                SourceShift.BLUR, ProfilePart.SHARPNESS,
                SourceShift.OFF_CENTRE_CROP, ProfilePart.SHARPNESS);
        int seed = 60_000;
        for (Map.Entry<SourceShift, ProfilePart> e : shows.entrySet()) {
            ProfileCounts shifted = profile(e.getKey(), seed);
            seed += PHOTOS;
            assertThat(distance(shifted, e.getValue()))
                    .as(e.getKey().tag() + " on " + e.getValue().tag())
                    .isGreaterThan(THRESHOLD);
        }
    }
}
