package io.flowerstream.platform.s3;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The object-storage flags every command that reads or writes the bucket takes (a picocli mixin),
 * written once: each flag wins over its {@code S3_*} variable; the keys come only from the
 * environment (or the default AWS chain), never from a flag that would show in a process list.
 */
public final class S3Flags {

    @Option(
            names = "--s3-endpoint",
            description = "S3 endpoint (env S3_ENDPOINT; default " + S3Settings.DEFAULT_ENDPOINT
                    + "); the keys come from S3_ACCESS_KEY and S3_SECRET_KEY, or without them from the default AWS "
                    + "credential chain (pod identity)")
    String endpoint;

    @Option(
            names = "--bucket",
            description =
                    "bucket holding images/ and models/ (env S3_BUCKET; default " + S3Settings.DEFAULT_BUCKET + ")")
    String bucket;

    /** The S3 settings: these flags over {@code env}'s {@code S3_*} variables. */
    public S3Settings settings(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>(env);
        if (endpoint != null) {
            merged.put("S3_ENDPOINT", endpoint);
        }
        if (bucket != null) {
            merged.put("S3_BUCKET", bucket);
        }
        return S3Settings.fromEnv(merged);
    }
}
