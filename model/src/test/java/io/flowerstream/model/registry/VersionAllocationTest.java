package io.flowerstream.model.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.embedded.EmbeddedS3;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent publishers, each with its own S3 client as separate processes would have, released at
 * the same instant: every version number must be handed out once. A plain "highest + 1" allocator
 * fails this test.
 */
class VersionAllocationTest {

    private static final int PUBLISHERS = 6;
    private static final int VERSIONS_EACH = 4;

    @Test
    void gives_concurrent_publishers_distinct_versions_in_memory() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.inMemory().start()) {
            assertDistinctVersions(s3);
        }
    }

    @Test
    void gives_concurrent_publishers_distinct_versions_on_the_filesystem_backend(@TempDir Path dir) throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.onDirectory(dir).start()) {
            assertDistinctVersions(s3);
        }
    }

    private static void assertDistinctVersions(EmbeddedS3 s3) throws Exception {
        new ModelRegistry(RegistryFixtures.client(s3), "race").ensureBucket();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        List<Future<List<Integer>>> results = new ArrayList<>();
        try {
            for (int p = 0; p < PUBLISHERS; p++) {
                ModelRegistry registry = new ModelRegistry(RegistryFixtures.client(s3), "race");
                Callable<List<Integer>> publisher = () -> {
                    start.await();
                    List<Integer> mine = new ArrayList<>();
                    for (int i = 0; i < VERSIONS_EACH; i++) {
                        mine.add(registry.publish(PublishRequest.of(RegistryFixtures.draft(), new byte[] {(byte) i}))
                                .version());
                    }
                    return mine;
                };
                results.add(pool.submit(publisher));
            }
            start.countDown();
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> result : results) {
                all.addAll(result.get(120, TimeUnit.SECONDS));
            }

            assertThat(new HashSet<>(all)).as("versions handed out: %s", all).hasSize(PUBLISHERS * VERSIONS_EACH);
            assertThat(new ModelRegistry(RegistryFixtures.client(s3), "race").listVersions())
                    .containsExactlyInAnyOrderElementsOf(all);
        } finally {
            pool.shutdownNow();
        }
    }
}
