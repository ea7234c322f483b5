package io.flowerstream.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for something that happens on another thread (an archiver, a classifier, a broker coming
 * back) by asking again until a deadline, and fails saying what was awaited and what was seen.
 */
public final class Eventually {

    private Eventually() {}

    /** Polls every 100 ms until {@code condition} holds; throws with {@code state} after {@code timeout}. */
    public static void await(Duration timeout, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + state.get());
            }
            Thread.sleep(100);
        }
    }
}
