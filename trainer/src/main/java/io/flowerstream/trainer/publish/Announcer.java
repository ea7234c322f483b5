package io.flowerstream.trainer.publish;

import io.flowerstream.contracts.events.ModelAnnouncement;

/** Tells running classifiers that a version was published: {@code flowers.models}, or nothing for offline runs. */
public interface Announcer extends AutoCloseable {

    /** Announces nothing: for runs from folders with no broker. */
    Announcer NONE = announcement -> {};

    /** Sends {@code announcement}, returning once the broker has it. */
    void announce(ModelAnnouncement announcement) throws Exception;

    @Override
    default void close() {}
}
