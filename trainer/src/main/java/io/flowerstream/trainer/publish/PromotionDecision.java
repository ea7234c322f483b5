package io.flowerstream.trainer.publish;

/**
 * What the promotion gate decided about a new version, and why, in words for the metadata and the log.
 *
 * @param promoted          whether the new version becomes {@code champion}
 * @param reason            the decision in a sentence, with both accuracies
 * @param championVersion   the champion it was compared with, null when there was none
 * @param championAccuracy  the champion's accuracy on this run's validation photos, null when there was none
 */
public record PromotionDecision(boolean promoted, String reason, Integer championVersion, Double championAccuracy) {}
