package io.flowerstream.trainer.cli;

import io.flowerstream.model.config.KafkaClientConfig;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.model.registry.S3Settings;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the images and models are, and the broker to announce on: flags over the environment. */
final class StorageFlags {

    @Option(names = "--s3-endpoint", description = "S3 endpoint (env S3_ENDPOINT; default " + S3Settings.DEFAULT_ENDPOINT
            + "); the keys come from S3_ACCESS_KEY and S3_SECRET_KEY, or without them from the default AWS credential chain (pod identity)")
    String endpoint;

    @Option(names = "--bucket", description = "bucket holding images/ and models/ (env S3_BUCKET; default " + S3Settings.DEFAULT_BUCKET + ")")
    String bucket;

    @Option(names = "--model-name", defaultValue = "${env:MODEL_NAME:-" + ModelRegistry.DEFAULT_MODEL_NAME + "}",
            description = "model name in the registry and on flowers.models (env MODEL_NAME; default ${DEFAULT-VALUE})")
    String modelName;

    @Option(names = "--bootstrap-servers", description = "Kafka brokers for the flowers.models announcement (env KAFKA_BOOTSTRAP_SERVERS; default "
            + KafkaClientConfig.DEFAULT_BOOTSTRAP + ")")
    String bootstrapServers;

    S3Settings s3() {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (endpoint != null) {
            env.put("S3_ENDPOINT", endpoint);
        }
        if (bucket != null) {
            env.put("S3_BUCKET", bucket);
        }
        return S3Settings.fromEnv(env);
    }

    ModelRegistry registry(S3Settings s3) {
        return new ModelRegistry(s3.newClient(), s3.bucket(), modelName);
    }

    KafkaClientConfig kafka() {
        return KafkaClientConfig.fromEnv(System.getenv(), bootstrapServers);
    }
}
