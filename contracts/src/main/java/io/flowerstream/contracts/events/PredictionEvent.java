package io.flowerstream.contracts.events;

import java.util.Map;

/**
 * One prediction on {@code flowers.predictions}, as JSON (docs/design.md, "Event formats").
 *
 * @param imageId      the image's id (the record key it came with)
 * @param label        the predicted class
 * @param confidence   the predicted class's calibrated score (the version's temperature applied)
 * @param unsure       whether {@code confidence} is below the version's abstain threshold: the label is the
 *                     best guess, not to be acted on without a person's look (false from versions
 *                     published before calibration)
 * @param scores       all five calibrated scores, by class name in class order
 * @param modelVersion the model version that made it
 * @param classifiedAt when it was made, ISO-8601 UTC
 * @param latencyMs    from the image record's timestamp to this prediction
 */
public record PredictionEvent(
        String imageId,
        String label,
        double confidence,
        boolean unsure,
        Map<String, Float> scores,
        int modelVersion,
        String classifiedAt,
        long latencyMs) {

    /** JSON bytes of this event. */
    public byte[] toJson() {
        return EventJson.write(this);
    }

    /** Reads a prediction from JSON bytes. */
    public static PredictionEvent fromJson(byte[] json) {
        return EventJson.read(json, PredictionEvent.class);
    }
}
