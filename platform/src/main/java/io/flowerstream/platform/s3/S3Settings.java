package io.flowerstream.platform.s3;

import io.minio.MinioClient;
import java.util.Map;

/**
 * Where the object store is and how to sign in: read once from the environment
 * ({@code S3_ENDPOINT}, {@code S3_ACCESS_KEY}, {@code S3_SECRET_KEY}, {@code S3_BUCKET}, {@code S3_REGION}).
 * Without {@code S3_ACCESS_KEY} and {@code S3_SECRET_KEY} the client signs in through the default
 * AWS credential chain ({@link S3Credentials}): a pod's IRSA or workload identity, an instance profile.
 *
 * <p>{@link #toString()} hides the secret so that the settings can be logged.
 */
public record S3Settings(String endpoint, String accessKey, String secretKey, String bucket, String region) {

    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9000";
    public static final String DEFAULT_BUCKET = "flowerstream";
    public static final String DEFAULT_REGION = "us-east-1";

    public S3Settings {
        requireText(endpoint, "endpoint (S3_ENDPOINT)");
        requireText(bucket, "bucket (S3_BUCKET)");
        accessKey = blankToNull(accessKey);
        secretKey = blankToNull(secretKey);
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException(
                    "S3 " + (accessKey == null ? "access key (S3_ACCESS_KEY)" : "secret key (S3_SECRET_KEY)")
                            + " is missing: set both S3_ACCESS_KEY and S3_SECRET_KEY for static keys, or neither to "
                            + "use the default AWS credential chain (AWS_* variables, web identity token, instance "
                            + "profile)");
        }
        if (region == null || region.isBlank()) {
            region = DEFAULT_REGION;
        }
    }

    /** Settings in the default region. */
    public S3Settings(String endpoint, String accessKey, String secretKey, String bucket) {
        this(endpoint, accessKey, secretKey, bucket, DEFAULT_REGION);
    }

    /**
     * Reads the settings from environment variables (pass {@code System.getenv()}). The endpoint defaults
     * to a local MinIO and the bucket to {@value #DEFAULT_BUCKET}; without keys, the default AWS chain signs in.
     */
    public static S3Settings fromEnv(Map<String, String> env) {
        return new S3Settings(
                env.getOrDefault("S3_ENDPOINT", DEFAULT_ENDPOINT),
                env.get("S3_ACCESS_KEY"),
                env.get("S3_SECRET_KEY"),
                env.getOrDefault("S3_BUCKET", DEFAULT_BUCKET),
                env.getOrDefault("S3_REGION", DEFAULT_REGION));
    }

    /** The same store, another bucket. */
    public S3Settings withBucket(String otherBucket) {
        return new S3Settings(endpoint, accessKey, secretKey, otherBucket, region);
    }

    /**
     * A MinIO client for these settings. The region is fixed so that the client never asks the server
     * for a bucket's location (S3Proxy and some gateways answer that call badly).
     */
    public MinioClient newClient() {
        return MinioClient.builder()
                .endpoint(endpoint)
                .credentialsProvider(credentials())
                .region(region)
                .build();
    }

    /** Whether the client signs with static keys rather than the default AWS credential chain. */
    public boolean hasStaticKeys() {
        return accessKey != null;
    }

    /** Where the client's credentials come from: the static keys, or the default AWS chain. */
    public io.minio.credentials.Provider credentials() {
        return hasStaticKeys()
                ? new io.minio.credentials.StaticProvider(accessKey, secretKey, null)
                : S3Credentials.defaultChain();
    }

    @Override
    public String toString() {
        String credentials = hasStaticKeys()
                ? "accessKey=" + accessKey + ", secretKey=***"
                : "credentials=" + S3Credentials.DESCRIPTION;
        return "S3Settings[endpoint=" + endpoint + ", " + credentials + ", bucket=" + bucket + ", region=" + region
                + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing S3 " + what + ": set it in the environment");
        }
    }
}
