package io.flowerstream.platform.s3;

import io.minio.credentials.AwsConfigProvider;
import io.minio.credentials.AwsEnvironmentProvider;
import io.minio.credentials.ChainedProvider;
import io.minio.credentials.IamAwsProvider;
import io.minio.credentials.Provider;

/**
 * The default AWS credential chain, from the MinIO client's own providers, for deployments that
 * give the pod an identity instead of static keys: first the environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}), then the shared credentials file
 * ({@code AWS_SHARED_CREDENTIALS_FILE}, {@code ~/.aws/credentials}), then IAM: the web identity token
 * that IRSA and workload identity mount ({@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN}),
 * ECS container credentials, or the EC2 instance profile. Each is asked in turn; the first that
 * answers is kept, and temporary credentials are refreshed before they expire.
 */
public final class S3Credentials {

    /** The chain in words, for logs and error messages. */
    public static final String DESCRIPTION = "default AWS chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, shared "
            + "credentials file, web identity token AWS_WEB_IDENTITY_TOKEN_FILE, ECS container credentials, instance "
            + "profile)";

    private S3Credentials() {}

    /** A new chain; each client gets its own, as providers cache what they fetched. */
    public static Provider defaultChain() {
        return new ChainedProvider(
                new AwsEnvironmentProvider(), new AwsConfigProvider(null, null), new IamAwsProvider(null, null));
    }
}
