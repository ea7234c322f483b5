package io.flowerstream.testsupport.junit;

import io.flowerstream.testsupport.SharedDatasets;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/** JUnit assumptions that skip a test, with a message saying why, where the shared photos are absent. */
public final class Datasets {

    private Datasets() {
    }

    /** {@code flowers/}, or the calling test is skipped (not failed) with a message. */
    public static Path flowersOrSkip() {
        return setOrSkip(SharedDatasets.FLOWERS);
    }

    /** One named set, or the calling test is skipped with a message. */
    public static Path setOrSkip(String name) {
        var set = SharedDatasets.set(name);
        Assumptions.assumeTrue(set.isPresent(), () -> "../shared/datasets/" + name
                + " not found: tests that need real photos are skipped (set -D" + SharedDatasets.PROPERTY
                + "=<dir> to point at the datasets)");
        return set.get();
    }
}
