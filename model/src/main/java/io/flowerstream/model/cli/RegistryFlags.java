package io.flowerstream.model.cli;

import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.kafka.KafkaFlags;
import io.flowerstream.platform.s3.S3Flags;
import io.flowerstream.platform.s3.S3Settings;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the bucket and the model registry are: the S3 flags every command that reads the registry
 * takes (a picocli mixin), over the environment as the services read it.
 */
public final class RegistryFlags {

    @Mixin
    S3Flags s3Flags;

    @Option(
            names = "--model-name",
            defaultValue = "${env:MODEL_NAME:-" + ModelRegistry.DEFAULT_MODEL_NAME + "}",
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
        return s3Flags.settings(env);
    }

    /** The registry of the named model in the bucket. */
    public ModelRegistry registry() {
        return registry(s3());
    }

    /** The registry of the named model, through settings already made. */
    public ModelRegistry registry(S3Settings s3) {
        return new ModelRegistry(s3.newClient(), s3.bucket(), modelName);
    }

    /** The Kafka client settings: {@code flags} over the same environment as the S3 settings. */
    public KafkaClientConfig kafka(KafkaFlags flags) {
        return flags.config(env);
    }
}
