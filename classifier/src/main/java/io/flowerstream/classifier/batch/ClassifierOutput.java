package io.flowerstream.classifier.batch;

import io.flowerstream.contracts.events.PredictionEvent;

/** What the batching processor emits for one input record: a prediction or a dead letter. */
public sealed interface ClassifierOutput {

    /** A prediction to publish on {@code flowers.predictions}. */
    record Prediction(PredictionEvent event) implements ClassifierOutput {}

    /** The input's value, to publish unchanged on the dead-letter topic (the headers travel with the record). */
    record DeadLetter(byte[] value) implements ClassifierOutput {}
}
