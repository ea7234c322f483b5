package io.flowerstream.trainer.service;

import io.flowerstream.contracts.FlowerClasses;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The least data {@code trainer serve} trains on: {@code minPerClass} labelled photos of every class
 * ({@code --min-per-class}, env {@code TRAIN_MIN_PER_CLASS}). Below it a run would only fail or
 * publish a useless model, so the scheduler waits instead of failing run after run.
 *
 * @param minPerClass photos each class needs; 0 turns the check off
 */
public record MinimumData(int minPerClass) {

    /** The default: 20 photos of each of the five classes. */
    public static final int DEFAULT_MIN_PER_CLASS = 20;

    public MinimumData {
        if (minPerClass < 0) {
            throw new IllegalArgumentException(
                    "--min-per-class (env TRAIN_MIN_PER_CLASS) must be 0 or more, was " + minPerClass);
        }
    }

    /** No minimum: every non-empty bucket trains. */
    public static MinimumData none() {
        return new MinimumData(0);
    }

    /** Whether the check runs at all. */
    public boolean active() {
        return minPerClass > 0;
    }

    /**
     * The classes below the minimum with their counts, in {@link FlowerClasses#NAMES} order; empty when training may
     * start.
     */
    public Map<String, Long> shortOf(Map<String, Long> photosPerClass) {
        Map<String, Long> missing = new LinkedHashMap<>();
        for (String label : FlowerClasses.NAMES) {
            long have = photosPerClass.getOrDefault(label, 0L);
            if (have < minPerClass) {
                missing.put(label, have);
            }
        }
        return missing;
    }

    /** The log line for a shortfall: which classes, how far short, and what to do. */
    public String refusal(Map<String, Long> shortOf, String where) {
        String classes = shortOf.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return "not training yet: every class needs at least " + minPerClass + " labelled photos (TRAIN_MIN_PER_CLASS,"
                + " --min-per-class) and " + shortOf.size() + " of " + FlowerClasses.NAMES.size() + " are short in "
                + where
                + ": " + classes
                + ". Publish labelled photos of them (./flowerstream ingest push --label-from-folder DIR, or docker "
                + "compose run --rm bootstrap), or lower TRAIN_MIN_PER_CLASS; training starts by itself once every "
                + "class has enough";
    }
}
