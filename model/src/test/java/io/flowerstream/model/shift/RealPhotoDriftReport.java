package io.flowerstream.model.shift;

import io.flowerstream.model.image.DecodedImage;
import io.flowerstream.model.image.ImageDecoder;
import io.flowerstream.model.image.ImagePreprocessor;
import io.flowerstream.model.profile.InputStatistics;
import io.flowerstream.model.profile.JensenShannon;
import io.flowerstream.model.profile.ProfileCounts;
import io.flowerstream.model.profile.ProfilePart;
import io.flowerstream.testsupport.SharedDatasets;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A report of the input parts of the drift profile on real photos ({@code flowers/} of the shared sets,
 * or the folder given as the first argument): half of them as the reference, up to 500 of the other
 * half as live traffic from the same source, and those again with each source shift applied. It prints
 * the Jensen-Shannon distance per part and shift, and whether the same source stays under the alert
 * threshold and each shift crosses it. Not a unit test (it needs the full photo set; the committed
 * sample photos are too few for stable histograms): {@code SourceShiftProfileTest} checks the same
 * on generated photos. Run it as docs/classifier.md says.
 */
public final class RealPhotoDriftReport {

    private static final double THRESHOLD = 0.3;
    private static final int LIVE = 500;
    private static final Set<ProfilePart> INPUT_PARTS =
            EnumSet.complementOf(EnumSet.of(ProfilePart.PREDICTION, ProfilePart.CONFIDENCE));

    private final ImageDecoder decoder = new ImageDecoder();
    private final ImagePreprocessor preprocessor = new ImagePreprocessor();
    private final float[] chw = new float[preprocessor.floatsPerImage()];

    private void add(ProfileCounts counts, byte[] bytes, String name) throws Exception {
        DecodedImage image = decoder.decode(bytes, name);
        preprocessor.writeChw(image, FloatBuffer.wrap(chw));
        counts.add(
                InputStatistics.of(bytes, image.width(), image.height(), FloatBuffer.wrap(chw), 0, chw.length / 3),
                0,
                0.5);
    }

    public static void main(String[] args) throws Exception {
        Path folder = args.length > 0
                ? Path.of(args[0])
                : SharedDatasets.flowers()
                        .orElseThrow(() -> new IllegalStateException(
                                "no shared photos: pass a photo folder (one sub-folder per class) as the first "
                                        + "argument"));
        new RealPhotoDriftReport().run(SharedDatasets.allPhotos(folder));
    }

    private void run(List<Path> photos) throws Exception {
        List<Path> live = new ArrayList<>();
        ProfileCounts reference = new ProfileCounts();
        for (int i = 0; i < photos.size(); i++) {
            if (i % 2 == 0) {
                add(reference, Files.readAllBytes(photos.get(i)), photos.get(i).toString());
            } else if (live.size() < LIVE) {
                live.add(photos.get(i));
            }
        }
        ProfileCounts same = new ProfileCounts();
        List<ProfileCounts> shifted = new ArrayList<>();
        List<SourceShift> shifts = List.of(
                SourceShift.SQUARE_128,
                SourceShift.JPEG_Q20,
                SourceShift.COLOUR_CAST,
                SourceShift.BLUR,
                SourceShift.OFF_CENTRE_CROP);
        shifts.forEach(s -> shifted.add(new ProfileCounts()));
        for (Path photo : live) {
            byte[] bytes = Files.readAllBytes(photo);
            add(same, bytes, photo.toString());
            java.awt.image.BufferedImage image =
                    decoder.decode(bytes, photo.toString()).image();
            for (int s = 0; s < shifts.size(); s++) {
                add(shifted.get(s), shifts.get(s).apply(image), shifts.get(s).tag() + " " + photo);
            }
        }

        StringBuilder table = new StringBuilder(String.format("%-16s", "part"));
        table.append(String.format(" %10s", "same"));
        shifts.forEach(s -> table.append(String.format(" %15s", s.tag())));
        for (ProfilePart part : INPUT_PARTS) {
            table.append(String.format(
                    "%n%-16s %10.3f", part.tag(), JensenShannon.distance(reference.counts(part), same.counts(part))));
            for (ProfileCounts counts : shifted) {
                table.append(
                        String.format(" %15.3f", JensenShannon.distance(reference.counts(part), counts.counts(part))));
            }
        }
        System.out.println("Jensen-Shannon distance to the reference (" + reference.observations() + " photos), "
                + live.size() + " live photos:\n" + table);

        for (ProfilePart part : INPUT_PARTS) {
            double distance = JensenShannon.distance(reference.counts(part), same.counts(part));
            System.out.printf(
                    "same source, %-16s %.3f %s%n",
                    part.tag(), distance, distance < THRESHOLD ? "under the threshold" : "OVER the threshold");
        }
        for (int s = 0; s < shifts.size(); s++) {
            double worst = 0;
            for (ProfilePart part : INPUT_PARTS) {
                worst = Math.max(
                        worst,
                        JensenShannon.distance(
                                reference.counts(part), shifted.get(s).counts(part)));
            }
            System.out.printf(
                    "%-16s the part that moves most: %.3f %s%n",
                    shifts.get(s).tag(),
                    worst,
                    worst > THRESHOLD ? "crosses the threshold" : "does NOT cross the threshold");
        }
    }
}
