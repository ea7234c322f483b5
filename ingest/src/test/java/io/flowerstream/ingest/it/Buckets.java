package io.flowerstream.ingest.it;

import io.flowerstream.embedded.EmbeddedS3;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.util.Set;
import java.util.TreeSet;

/** The embedded S3 server seen by tests: a client, and the keys stored under a prefix. */
final class Buckets {

    static final String BUCKET = "flowerstream";

    private Buckets() {}

    static MinioClient client(EmbeddedS3 s3) {
        return MinioClient.builder()
                .endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey())
                .region(s3.region())
                .build();
    }

    static Set<String> keys(MinioClient client, String prefix) {
        Set<String> keys = new TreeSet<>();
        try {
            for (Result<Item> item : client.listObjects(ListObjectsArgs.builder()
                    .bucket(BUCKET)
                    .prefix(prefix)
                    .recursive(true)
                    .build())) {
                keys.add(item.get().objectName());
            }
        } catch (Exception e) {
            throw new AssertionError("cannot list " + BUCKET + "/" + prefix + ": " + e, e);
        }
        return keys;
    }
}
