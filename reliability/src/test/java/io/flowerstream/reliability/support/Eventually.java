package io.flowerstream.reliability.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition, polling, and fails with a message that says what was awaited and what was seen. */
public final class Eventually {

    private Eventually() {
    }

    /** Polls every 100 ms until {@code condition} holds; throws with {@code state} after {@code timeout}. */
    public static void await(Duration timeout, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + state.get());
            }
            Thread.sleep(100);
        }
    }
}
