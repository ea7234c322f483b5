package io.flowerstream.trainer.publish;

import java.util.Locale;

/**
 * Decides whether a new version replaces the champion: only if, on the same validation photos,
 * its accuracy beats the champion's by at least the margin. Comparing on the same photos matters:
 * the champion's own recorded accuracy was measured on an older, smaller validation split.
 */
public final class PromotionGate {

    private final double margin;
    private final boolean force;

    /** A gate requiring {@code margin} (0 to 1) more accuracy; {@code force} promotes whatever the figures. */
    public PromotionGate(double margin, boolean force) {
        if (margin < 0 || margin > 1) {
            throw new IllegalArgumentException("--margin is a fraction of accuracy between 0 and 1, was " + margin);
        }
        this.margin = margin;
        this.force = force;
    }

    /** The first version of a model: nothing to beat. */
    public PromotionDecision noChampion(double candidateAccuracy) {
        return new PromotionDecision(
                true,
                String.format(
                        Locale.ROOT, "no champion yet: promoted with validation accuracy %.4f", candidateAccuracy),
                null,
                null);
    }

    /** Compares the candidate with champion {@code championVersion}, both scored on this run's validation photos. */
    public PromotionDecision decide(double candidateAccuracy, int championVersion, double championAccuracy) {
        // A tie never promotes: swapping models for no gain only costs the classifiers a reload.
        // The epsilon keeps 0.80 - 0.75 >= 0.05 true despite binary fractions.
        boolean beats = candidateAccuracy > championAccuracy && candidateAccuracy - championAccuracy >= margin - 1e-9;
        String comparison = String.format(
                Locale.ROOT,
                "validation accuracy %.4f against champion v%d's %.4f on the same %s photos (margin %.4f)",
                candidateAccuracy,
                championVersion,
                championAccuracy,
                "validation",
                margin);
        if (beats) {
            return new PromotionDecision(true, "promoted: " + comparison, championVersion, championAccuracy);
        }
        if (force) {
            return new PromotionDecision(
                    true,
                    "promoted by --promote although the gate refused: " + comparison,
                    championVersion,
                    championAccuracy);
        }
        return new PromotionDecision(
                false,
                "not promoted, does not beat the champion by the margin: " + comparison,
                championVersion,
                championAccuracy);
    }
}
