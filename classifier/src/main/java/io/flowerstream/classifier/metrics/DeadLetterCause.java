package io.flowerstream.classifier.metrics;

import io.flowerstream.model.image.RejectReason;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code error.stage} and {@code error.reason} of a dead letter. Every cause the classifier
 * can give is listed in {@link #ALL}, so that the dead-letter counters exist at 0 from the start:
 * Prometheus takes a series' first sample as its baseline, and a counter born with its first dead
 * letter already counted would show no increase on a rate panel or alert.
 */
public record DeadLetterCause(String stage, String reason) {

    /** The record has no key: nothing to key its prediction by. */
    public static final DeadLetterCause NO_IMAGE_ID = new DeadLetterCause("validate", "no_image_id");
    /** The record has a null value. */
    public static final DeadLetterCause NULL_VALUE = new DeadLetterCause("validate", RejectReason.EMPTY.code());
    /** The decoder failed in a way it does not classify (a decoder bug, memory). */
    public static final DeadLetterCause DECODER_ERROR = new DeadLetterCause("decode", "decoder_error");
    /** A forward pass failed: every image of that batch. */
    public static final DeadLetterCause INFERENCE_FAILED = new DeadLetterCause("predict", "inference_failed");

    /** Stages of Kafka Streams' own exception handlers; their reason is the stage with {@code _failed}. */
    public static final List<String> HANDLER_STAGES = List.of("deserialize", "process", "produce", "serialize");

    /** Every cause, in the order a dashboard lists them. */
    public static final List<DeadLetterCause> ALL = all();

    /** The decoder rejected the bytes as an image, for {@code reason}. */
    public static DeadLetterCause rejected(RejectReason reason) {
        return new DeadLetterCause("decode", reason.code());
    }

    /** One of Kafka Streams' exception handlers caught a failure in {@code stage}. */
    public static DeadLetterCause handler(String stage) {
        if (!HANDLER_STAGES.contains(stage)) {
            throw new IllegalArgumentException(
                    "unknown handler stage '" + stage + "': expected one of " + HANDLER_STAGES);
        }
        return new DeadLetterCause(stage, stage + "_failed");
    }

    private static List<DeadLetterCause> all() {
        List<DeadLetterCause> all = new ArrayList<>(List.of(NO_IMAGE_ID, NULL_VALUE));
        for (RejectReason reason : RejectReason.values()) {
            all.add(rejected(reason));
        }
        all.add(DECODER_ERROR);
        all.add(INFERENCE_FAILED);
        HANDLER_STAGES.forEach(stage -> all.add(handler(stage)));
        return List.copyOf(all);
    }
}
