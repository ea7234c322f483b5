package io.flowerstream.platform.topics;

import java.util.Map;
import java.util.Objects;

/**
 * One topic as flowerstream needs it: its name, the partitions it must have at least, and the
 * topic-level configs that must hold (e.g. {@code max.message.bytes} on the image topics).
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic '" + name + "' needs at least 1 partition, not " + partitions);
        }
        configs = Map.copyOf(configs);
    }
}
