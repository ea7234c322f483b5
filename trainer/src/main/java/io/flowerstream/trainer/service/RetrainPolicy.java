package io.flowerstream.trainer.service;

import java.time.Duration;
import java.time.Instant;

/**
 * When {@code trainer serve} retrains: every {@code every}, or as soon as {@code minNewImages} labelled
 * photos arrived since the last run, whichever comes first; after a failure, not before the backoff
 * has passed (doubling from {@code initialBackoff} up to {@code maxBackoff}).
 *
 * @param every          the longest time between runs
 * @param minNewImages   new photos that trigger a run early; 0 to retrain on time alone
 * @param poll           how often to count the photos in the bucket
 * @param initialBackoff wait after a first failure
 * @param maxBackoff     the longest wait between failed attempts
 */
public record RetrainPolicy(
        Duration every, int minNewImages, Duration poll, Duration initialBackoff, Duration maxBackoff) {

    public RetrainPolicy {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("--every must be positive, e.g. PT30M, was " + every);
        }
        if (minNewImages < 0) {
            throw new IllegalArgumentException("--min-new-images must be 0 or more, was " + minNewImages);
        }
    }

    /**
     * Whether to run now.
     *
     * @param lastRun    when the last version was published, null if never
     * @param imagesThen photos in the last version's manifest (0 if none)
     * @param imagesNow  photos in the bucket now
     * @param notBefore  the end of the current backoff, null if the last attempt did not fail
     */
    public boolean due(Instant now, Instant lastRun, long imagesThen, long imagesNow, Instant notBefore) {
        if (notBefore != null && now.isBefore(notBefore)) {
            return false;
        }
        if (imagesNow == 0) {
            return false;
        }
        if (lastRun == null || !now.isBefore(lastRun.plus(every))) {
            return true;
        }
        return minNewImages > 0 && imagesNow - imagesThen >= minNewImages;
    }

    /** The wait after {@code failures} failures in a row (1 or more). */
    public Duration backoff(int failures) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
