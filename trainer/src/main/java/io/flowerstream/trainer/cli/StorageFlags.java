package io.flowerstream.trainer.cli;

import io.flowerstream.model.cli.RegistryFlags;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.s3.S3Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the images and models are (the registry's S3 flags), and the broker to announce on. */
final class StorageFlags {

    @Mixin
    RegistryFlags registry;

    @Option(names = "--bootstrap-servers", description = "Kafka brokers for the flowers.models announcement (env KAFKA_BOOTSTRAP_SERVERS; default "
            + KafkaClientConfig.DEFAULT_BOOTSTRAP + ")")
    String bootstrapServers;

    S3Settings s3() {
        return registry.s3();
    }

    ModelRegistry registry(S3Settings s3) {
        return registry.registry(s3);
    }

    KafkaClientConfig kafka() {
        return registry.kafka(bootstrapServers);
    }
}
