package io.flowerstream.classifier.batch;

import io.flowerstream.contracts.events.PredictionEvent;

/** What the batcher emits for one input record: a prediction or a dead letter. */
public sealed interface Classified {

    /** A prediction to publish on {@code flowers.predictions}. */
    record Prediction(PredictionEvent event) implements Classified {
    }

    /** The input's value, to publish unchanged on the dead-letter topic (the headers travel with the record). */
    record DeadLetter(byte[] value) implements Classified {
    }
}
