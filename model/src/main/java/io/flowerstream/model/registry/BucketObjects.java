package io.flowerstream.model.registry;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The few object operations the registry needs, on one bucket, with MinIO's checked exceptions turned
 * into {@link ModelRegistryException}s that name the bucket and key.
 */
final class BucketObjects {

    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchObject", "NotFound");

    private final MinioClient client;
    private final String bucket;

    BucketObjects(MinioClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    String bucket() {
        return bucket;
    }

    void ensureBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (ErrorResponseException e) {
            // Another process created it between the check and the create: that is what we wanted.
            if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                throw failure("create bucket", "", e);
            }
        } catch (Exception e) {
            throw failure("create bucket", "", e);
        }
    }

    void put(String key, byte[] content, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(
                            new ByteArrayInputStream(content), content.length, -1)
                    .contentType(contentType)
                    .build());
        } catch (Exception e) {
            throw failure("write", key, e);
        }
    }

    void put(String key, Path file, String contentType) {
        try (InputStream in = Files.newInputStream(file)) {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(in, Files.size(file), -1)
                    .contentType(contentType)
                    .build());
        } catch (Exception e) {
            throw failure("upload " + file + " to", key, e);
        }
    }

    Optional<byte[]> get(String key) {
        try (InputStream in = client.getObject(
                GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return Optional.of(in.readAllBytes());
        } catch (ErrorResponseException e) {
            if (MISSING.contains(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw failure("read", key, e);
        } catch (Exception e) {
            throw failure("read", key, e);
        }
    }

    boolean exists(String key) {
        try {
            client.statObject(
                    StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if (MISSING.contains(e.errorResponse().code())) {
                return false;
            }
            throw failure("look up", key, e);
        } catch (Exception e) {
            throw failure("look up", key, e);
        }
    }

    void remove(String key) {
        try {
            client.removeObject(
                    RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw failure("delete", key, e);
        }
    }

    /**
     * Every object key under a prefix, at any depth. Keys ending in '/' are skipped: S3Proxy's filesystem
     * backend lists its directories as such empty "objects", which are no objects of ours.
     */
    List<String> keysUnder(String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket)
                    .prefix(prefix)
                    .recursive(true)
                    .build())) {
                String key = result.get().objectName();
                if (!key.endsWith("/")) {
                    keys.add(key);
                }
            }
        } catch (Exception e) {
            throw failure("list", prefix, e);
        }
        return keys;
    }

    private ModelRegistryException failure(String action, String key, Exception e) {
        String detail = e instanceof ErrorResponseException ere
                ? ere.errorResponse().code() + ": " + ere.errorResponse().message()
                : e.toString();
        return new ModelRegistryException(
                "cannot " + action + " s3://" + bucket + "/" + key + " (" + detail
                        + "): check the S3 endpoint, credentials and that the bucket exists",
                e);
    }
}
