package io.flowerstream.model.predict;

import io.flowerstream.contracts.FlowerClasses;
import java.util.LinkedHashMap;
import java.util.Map;

/** The network's softmax scores for one image, in {@link FlowerClasses#NAMES} order. */
public record FlowerScores(float[] scores) {

    public FlowerScores {
        if (scores.length != FlowerClasses.count()) {
            throw new IllegalArgumentException("expected " + FlowerClasses.count() + " scores, got " + scores.length);
        }
        scores = scores.clone();
    }

    /** Index of the highest score (first on ties). */
    public int bestIndex() {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The predicted label. */
    public String label() {
        return FlowerClasses.NAMES.get(bestIndex());
    }

    /** The predicted label's score. */
    public float confidence() {
        return scores[bestIndex()];
    }

    /** Label to score, in class order. */
    public Map<String, Float> asMap() {
        Map<String, Float> map = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            map.put(FlowerClasses.NAMES.get(i), scores[i]);
        }
        return map;
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }
}
