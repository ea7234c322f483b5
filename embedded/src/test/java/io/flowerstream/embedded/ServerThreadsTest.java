package io.flowerstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Stopping the embedded servers must leave no thread that would keep a standalone JVM alive. */
class ServerThreadsTest {

    @Test
    void leaves_no_non_daemon_thread_behind_after_both_servers_close() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        try (EmbeddedKafka kafka = EmbeddedKafka.inTempDir().start();
                EmbeddedS3 s3 = EmbeddedS3.inMemory().start()) {
            kafka.createTopic("threads", 1);
            EmbeddedKafkaTest.produce(kafka, "threads", "k", "v");
            EmbeddedS3Test.client(s3, s3.secretKey())
                    .makeBucket(
                            io.minio.MakeBucketArgs.builder().bucket("threads").build());
        }

        Set<Thread> leaked = Set.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            leaked = nonDaemonThreads();
            leaked.removeAll(before);
            if (leaked.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);

        assertThat(leaked.stream().map(Thread::getName).collect(Collectors.toList()))
                .isEmpty();
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                // The test's MinIO client owns these (idle for 60 s, then gone), not the servers.
                .filter(t -> !t.getName().startsWith("OkHttp"))
                .collect(Collectors.toSet());
    }
}
