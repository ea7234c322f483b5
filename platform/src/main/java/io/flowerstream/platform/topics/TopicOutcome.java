package io.flowerstream.platform.topics;

/**
 * What {@link TopicEnsurer} did to one topic, with a line a person can read.
 *
 * @param topic  the topic's name
 * @param action what happened
 * @param detail what was found or changed, or what to do where the topic cannot be used
 */
public record TopicOutcome(String topic, Action action, String detail) {

    /** What happened to a topic. */
    public enum Action {
        /** It did not exist and was created. */
        CREATED,
        /** It existed as needed. */
        UNCHANGED,
        /** It existed; some of its configs were set to what flowerstream needs. */
        CONFIG_UPDATED,
        /** It exists in a shape that cannot work and that this tool does not change (too few partitions). */
        REFUSED
    }

    /** {@code created flowers.images (6 partitions, max.message.bytes=...)}, for the log. */
    @Override
    public String toString() {
        return action.name().toLowerCase().replace('_', ' ') + " " + topic + ": " + detail;
    }
}
