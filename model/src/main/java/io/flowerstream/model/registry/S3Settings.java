package io.flowerstream.model.registry;

import io.minio.MinioClient;

import java.util.Map;

/**
 * Where the object store is and how to sign in: read once from the environment
 * ({@code S3_ENDPOINT}, {@code S3_ACCESS_KEY}, {@code S3_SECRET_KEY}, {@code S3_BUCKET}, {@code S3_REGION}).
 *
 * <p>{@link #toString()} hides the secret so that the settings can be logged.
 */
public record S3Settings(String endpoint, String accessKey, String secretKey, String bucket, String region) {

    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9000";
    public static final String DEFAULT_BUCKET = "flowerstream";
    public static final String DEFAULT_REGION = "us-east-1";

    public S3Settings {
        requireText(endpoint, "endpoint (S3_ENDPOINT)");
        requireText(accessKey, "access key (S3_ACCESS_KEY)");
        requireText(secretKey, "secret key (S3_SECRET_KEY)");
        requireText(bucket, "bucket (S3_BUCKET)");
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
     * to a local MinIO and the bucket to {@value #DEFAULT_BUCKET}; the keys have no default.
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
        return MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).region(region).build();
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", accessKey=" + accessKey + ", secretKey=***, bucket=" + bucket
                + ", region=" + region + "]";
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing S3 " + what + ": set it in the environment");
        }
    }
}
