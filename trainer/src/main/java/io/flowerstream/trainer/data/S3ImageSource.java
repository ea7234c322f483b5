package io.flowerstream.trainer.data;

import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.storage.ArchiveKey;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labelled images the archiver keeps in the bucket, in the layout of {@link ArchiveKey}.
 * The id comes from the key, so listing needs no download; keys the archive would not write are
 * skipped with a warning rather than failing the run.
 */
public final class S3ImageSource implements ImageSource {

    /** The prefix the archiver writes under. */
    public static final String PREFIX = ArchiveKey.PREFIX;

    private static final Logger LOG = LoggerFactory.getLogger(S3ImageSource.class);

    private final MinioClient client;
    private final String bucket;

    public S3ImageSource(MinioClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    @Override
    public List<LabelledImage> list() throws IOException {
        List<LabelledImage> images = new ArrayList<>();
        int skipped = 0;
        for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(PREFIX)
                .recursive(true)
                .build())) {
            String key;
            try {
                key = result.get().objectName();
            } catch (Exception e) {
                throw new IOException(
                        "could not list s3://" + bucket + "/" + PREFIX + ": " + e.getMessage()
                                + "; check S3_ENDPOINT, the credentials and that the bucket exists",
                        e);
            }
            if (key.endsWith("/")) {
                // A folder marker: S3Proxy's filesystem backend lists every directory as one.
                continue;
            }
            Optional<ArchiveKey> parsed = ArchiveKey.parse(key);
            if (parsed.isEmpty()) {
                if (skipped++ < 5) {
                    LOG.warn(
                            "skipping s3://{}/{}: not images/<label>/<sha256>.<jpg|png> with a known label in lower "
                                    + "case",
                            bucket,
                            key);
                }
                continue;
            }
            images.add(new LabelledImage(key, parsed.get().label(), parsed.get().sha256()));
        }
        if (skipped > 0) {
            LOG.warn("skipped {} objects under s3://{}/{} that are not labelled images", skipped, bucket, PREFIX);
        }
        return images;
    }

    /** How many labelled images there are now: what {@code serve} polls to notice new data. */
    public int count() throws IOException {
        return list().size();
    }

    /**
     * Labelled images per class now, every class present (0 for none): what {@code serve} checks against its minimum.
     */
    public Map<String, Long> countPerClass() throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        FlowerClasses.NAMES.forEach(label -> counts.put(label, 0L));
        for (LabelledImage image : list()) {
            counts.merge(image.label(), 1L, Long::sum);
        }
        return counts;
    }

    @Override
    public byte[] read(LabelledImage image) throws IOException {
        try (InputStream in = client.getObject(
                GetObjectArgs.builder().bucket(bucket).object(image.key()).build())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("could not read s3://" + bucket + "/" + image.key() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + PREFIX;
    }
}
