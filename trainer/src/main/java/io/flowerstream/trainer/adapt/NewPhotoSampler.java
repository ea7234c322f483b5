package io.flowerstream.trainer.adapt;

import io.flowerstream.trainer.data.PhotoStore;
import java.util.Arrays;

/**
 * The balanced sampler of a retraining run: repeats the training photos that are new to the champion
 * so that they make up at least a set share of every epoch, so that a few hundred photos of a new
 * source are not drowned by thousands of old ones.
 *
 * <p>Repetition rather than dropping old photos keeps what the champion knew; augmentation makes each
 * repeat a different picture. The number of repeats is capped so that a handful of new photos is not
 * learnt by heart; the share then falls short of the target, and the plan says so.
 */
public final class NewPhotoSampler {

    /** Most copies of one new photo per epoch. */
    public static final int MAX_REPEATS = 10;

    private final double share;

    /** A sampler aiming at {@code share} (0 to under 1) of each epoch for new photos; 0 switches it off. */
    public NewPhotoSampler(double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("new-photo share must be at least 0 and under 1, was " + share
                    + ": give e.g. 0.3 for 30% of each epoch, or 0 to switch the sampler off");
        }
        this.share = share;
    }

    /**
     * What one epoch draws from.
     *
     * @param order     the training indexes into the store, new ones repeated
     * @param oldPhotos training photos the champion saw
     * @param newPhotos training photos new to the champion
     * @param repeats   copies of each new photo in {@code order}
     */
    public record Plan(int[] order, int oldPhotos, int newPhotos, int repeats) {

        /** The share of an epoch that new photos make up. */
        public double newShare() {
            return order.length == 0 ? 0 : (double) newPhotos * repeats / order.length;
        }

        /** One line for the run's log. */
        public String summary() {
            return String.format(
                    java.util.Locale.ROOT,
                    "%d training photos new to the champion, %d it saw; each new one drawn %d time%s per epoch: %.0f%% "
                            + "of the epoch's %d draws",
                    newPhotos,
                    oldPhotos,
                    repeats,
                    repeats == 1 ? "" : "s",
                    100 * newShare(),
                    order.length);
        }
    }

    /** The epoch plan over the training photos {@code train} of {@code store}, new ones judged by {@code seen}. */
    public Plan plan(PhotoStore store, int[] train, SeenPhotos seen) {
        int[] fresh = Arrays.stream(train)
                .filter(i -> seen.isNew(store.image(i).sha256()))
                .toArray();
        int old = train.length - fresh.length;
        int repeats = repeats(old, fresh.length);
        if (repeats <= 1) {
            return new Plan(train.clone(), old, fresh.length, 1);
        }
        int[] order = Arrays.copyOf(train, train.length + fresh.length * (repeats - 1));
        int at = train.length;
        for (int r = 1; r < repeats; r++) {
            System.arraycopy(fresh, 0, order, at, fresh.length);
            at += fresh.length;
        }
        return new Plan(order, old, fresh.length, repeats);
    }

    /** Copies of each new photo so that new ones reach the share: k with k*n / (old + k*n) >= share, capped. */
    int repeats(int old, int fresh) {
        if (share == 0 || fresh == 0 || old == 0) {
            return 1;
        }
        double needed = share * old / ((1 - share) * fresh);
        return (int) Math.max(1, Math.min(MAX_REPEATS, Math.ceil(needed)));
    }
}
