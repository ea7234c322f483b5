package io.flowerstream.ingest.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something that happens on another thread (the archiver) by asking again until a deadline. */
final class Eventually {

    private Eventually() {
    }

    static void await(Duration within, BooleanSupplier condition, Supplier<String> whatWasExpected) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + whatWasExpected.get());
            }
            Thread.sleep(100);
        }
    }
}
