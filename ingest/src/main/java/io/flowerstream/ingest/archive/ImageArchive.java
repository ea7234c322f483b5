package io.flowerstream.ingest.archive;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;

/** The archive's side of object storage: one bucket, where images are written once and checked for. */
public final class ImageArchive {

    private final MinioClient client;
    private final String bucket;

    public ImageArchive(MinioClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    /** The bucket's name. */
    public String bucket() {
        return bucket;
    }

    /** Creates the bucket unless it exists. */
    public void ensureBucket() throws Exception {
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            try {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            } catch (ErrorResponseException e) {
                // Another archiver instance created it between the two calls: what we wanted.
                String code = e.errorResponse().code();
                if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                    throw e;
                }
            }
        }
    }

    /** Whether an object is already stored under {@code key}. */
    public boolean contains(String key) throws Exception {
        try {
            client.statObject(
                    StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())
                    || "NoSuchObject".equals(e.errorResponse().code())
                    || e.response() != null && e.response().code() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Stores {@code bytes} under {@code key}. */
    public void put(String key, byte[] bytes, String contentType) throws Exception {
        client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(
                        new ByteArrayInputStream(bytes), bytes.length, -1)
                .contentType(contentType)
                .build());
    }
}
