package io.flowerstream.trainer.adapt;

import io.flowerstream.trainer.data.PhotoStore;
import io.flowerstream.trainer.train.Evaluation;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Accuracy on the validation photos that are new to the champion: what the promotion gate reports
 * beside the overall figure, since a few new photos barely move the overall one.
 */
public final class NewPhotoAccuracy {

    private NewPhotoAccuracy() {}

    /** Accuracy of {@code evaluation} over its photos that {@code seen} calls new; empty when there are none. */
    public static OptionalDouble of(Evaluation evaluation, PhotoStore store, SeenPhotos seen) {
        int[] photos = evaluation.photoIndexes();
        int[] predicted = evaluation.predicted();
        int[] labels = evaluation.labels();
        int count = 0;
        int right = 0;
        for (int i = 0; i < photos.length; i++) {
            if (seen.isNew(store.image(photos[i]).sha256())) {
                count++;
                right += predicted[i] == labels[i] ? 1 : 0;
            }
        }
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) right / count);
    }

    /** Number of {@code evaluation}'s photos that {@code seen} calls new. */
    public static int count(Evaluation evaluation, PhotoStore store, SeenPhotos seen) {
        int count = 0;
        for (int photo : evaluation.photoIndexes()) {
            count += seen.isNew(store.image(photo).sha256()) ? 1 : 0;
        }
        return count;
    }

    /** "on the N validation photos new to it: candidate x, champion y", or "" when there are none. */
    public static String describe(Evaluation candidate, Evaluation champion, PhotoStore store, SeenPhotos seen) {
        OptionalDouble mine = of(candidate, store, seen);
        OptionalDouble theirs = of(champion, store, seen);
        if (mine.isEmpty() || theirs.isEmpty()) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "; on the %d validation photos new to the champion: %.4f against %.4f",
                count(candidate, store, seen),
                mine.getAsDouble(),
                theirs.getAsDouble());
    }
}
