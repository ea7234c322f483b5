package io.flowerstream.contracts.events;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A published model version on {@code flowers.models}, keyed by model name: how running
 * classifiers learn of new versions. The registry on S3 stays the source of truth; this record
 * only says where to look.
 *
 * @param modelName    the model name (also the record key)
 * @param version      the version just published
 * @param aliases      the aliases pointing at it after publishing (e.g. {@code champion}), may be empty
 * @param paramsSha256 SHA-256 of its {@code model.params}, as in its metadata
 * @param validationAccuracy its accuracy on its validation split
 * @param publishedAt  ISO-8601 UTC
 */
public record ModelAnnouncement(
        String modelName,
        int version,
        List<String> aliases,
        String paramsSha256,
        double validationAccuracy,
        String publishedAt) {

    public ModelAnnouncement {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** JSON bytes of this record. */
    public byte[] toJson() {
        return EventJson.write(this);
    }

    /**
     * The record that announces it on {@code topic}: keyed by model name (the topic is compacted), the JSON as value.
     */
    public ProducerRecord<byte[], byte[]> toRecord(String topic) {
        return new ProducerRecord<>(topic, modelName.getBytes(StandardCharsets.UTF_8), toJson());
    }

    /** Reads an announcement from JSON bytes. */
    public static ModelAnnouncement fromJson(byte[] json) {
        return EventJson.read(json, ModelAnnouncement.class);
    }
}
