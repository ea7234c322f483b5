package io.flowerstream.model.cli;

import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.s3.S3Settings;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the bucket and the model registry are: the S3 flags every command that reads the registry
 * takes (a picocli mixin), over the environment as the services read it.
 */
public final class RegistryFlags {

    @Option(names = "--s3-endpoint", description = "S3 endpoint (env S3_ENDPOINT; default " + S3Settings.DEFAULT_ENDPOINT
            + "); the keys come from S3_ACCESS_KEY and S3_SECRET_KEY, or without them from the default AWS credential chain "
            + "(pod identity)")
    String endpoint;

    @Option(names = "--bucket", description = "bucket holding images/ and models/ (env S3_BUCKET; default " + S3Settings.DEFAULT_BUCKET + ")")
    String bucket;

    @Option(names = "--model-name", defaultValue = "${env:MODEL_NAME:-" + ModelRegistry.DEFAULT_MODEL_NAME + "}",
            description = "model name in the registry and on flowers.models (env MODEL_NAME; default ${DEFAULT-VALUE})")
    String modelName;

    /** The environment the settings come from; tests replace it. */
    Map<String, String> env = System.getenv();

    /** The model name in the registry and on the models topic. */
    public String modelName() {
        return modelName;
    }

    /** The S3 settings: these flags over the environment. */
    public S3Settings s3() {
        Map<String, String> merged = new HashMap<>(env);
        if (endpoint != null) {
            merged.put("S3_ENDPOINT", endpoint);
        }
        if (bucket != null) {
            merged.put("S3_BUCKET", bucket);
        }
        return S3Settings.fromEnv(merged);
    }

    /** The registry of the named model in the bucket. */
    public ModelRegistry registry() {
        return registry(s3());
    }

    /** The registry of the named model, through settings already made. */
    public ModelRegistry registry(S3Settings s3) {
        return new ModelRegistry(s3.newClient(), s3.bucket(), modelName);
    }

    /** The Kafka client settings from the environment, with {@code bootstrapServers} where given. */
    public KafkaClientConfig kafka(String bootstrapServers) {
        return KafkaClientConfig.fromEnv(env, bootstrapServers);
    }
}
