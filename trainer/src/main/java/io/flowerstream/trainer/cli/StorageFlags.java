package io.flowerstream.trainer.cli;

import io.flowerstream.model.cli.RegistryFlags;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.kafka.KafkaFlags;
import io.flowerstream.platform.s3.S3Settings;
import picocli.CommandLine.Mixin;

/** Where the images and models are (the registry's S3 flags), and the broker to announce on. */
final class StorageFlags {

    @Mixin
    RegistryFlags registry;

    /** The broker of the flowers.models announcement. */
    @Mixin
    KafkaFlags kafkaFlags;

    S3Settings s3() {
        return registry.s3();
    }

    ModelRegistry registry(S3Settings s3) {
        return registry.registry(s3);
    }

    KafkaClientConfig kafka() {
        return registry.kafka(kafkaFlags);
    }
}
