package io.flowerstream.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.ids.ImageId;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.embedded.EmbeddedKafka;
import io.flowerstream.ingest.archive.ArchiverSettings;
import io.flowerstream.ingest.check.CheckMode;
import io.flowerstream.ingest.http.HttpSettings;
import io.flowerstream.ingest.http.IngestHttpServer;
import io.flowerstream.ingest.service.IngestService;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.reliability.report.Check;
import io.flowerstream.reliability.report.Results;
import io.flowerstream.reliability.support.ClassifierChild;
import io.flowerstream.reliability.support.PipelineOutput;
import io.flowerstream.reliability.support.PipelineTopics;
import io.flowerstream.testsupport.Eventually;
import io.flowerstream.testsupport.Http;
import io.flowerstream.testsupport.TestImages;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops and starts again on the same ports and log folder while images are posted
 * to the ingest endpoint at a steady pace and the classifier (its own JVM) runs. During the
 * outage the endpoint answers 503 {@code kafka_unavailable} and is not ready; afterwards it
 * answers 202 again by itself, and every image it accepted with 202 ends up predicted exactly
 * once, while none it refused with 503 is.
 */
class BrokerRestartTest {

    private static final Duration OUTAGE = Duration.ofSeconds(12);

    private record Post(String id, long atNanos, int status, String body) {}

    @Test
    void ingest_answers_503_while_the_broker_is_down_and_every_image_accepted_is_predicted_once_it_is_back(
            @TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.inTempDir().start()) {
            PipelineTopics.create(kafka, 3);
            try (ClassifierChild classifier = ClassifierChild.start(
                            kafka.bootstrapServers(),
                            ClassifierChild.modelFolder(dir.resolve("models")),
                            dir.resolve("state"),
                            dir.resolve("classifier.log"),
                            Map.of("KAFKA_SESSION_TIMEOUT_MS", "10000", "KAFKA_HEARTBEAT_INTERVAL_MS", "1000"),
                            "--max-batch-size",
                            "4",
                            "--decode-threads",
                            "1");
                    IngestService ingest = IngestService.start(
                            new IngestService.Settings(
                                    KafkaClientConfig.of(kafka.bootstrapServers()),
                                    HttpSettings.onPort(0, ImageLimits.DEFAULT_MAX_BYTES, Optional.empty()),
                                    Topics.IMAGES,
                                    CheckMode.DECODE,
                                    ArchiverSettings.defaults(),
                                    Optional.empty()),
                            ServiceMetrics.newRegistry("ingest"));
                    PipelineOutput output = new PipelineOutput(kafka.bootstrapServers())) {
                classifier.awaitReady(Duration.ofSeconds(180));
                String url = ingest.address() + IngestHttpServer.IMAGES_PATH;
                List<Post> posts = new ArrayList<>();

                postFor(Duration.ofSeconds(4), url, posts);
                kafka.stop();
                long stopped = System.nanoTime();
                int readyDuringOutage = waitForNotReady(ingest.address());
                postFor(OUTAGE, url, posts);
                kafka.start();
                long restarted = System.nanoTime();
                while (true) {
                    Post post = post(url, posts.size());
                    posts.add(post);
                    if (post.status() == 202
                            || System.nanoTime() - restarted
                                    > Duration.ofSeconds(120).toNanos()) {
                        break;
                    }
                    Thread.sleep(200);
                }
                long httpRecoveredMs = (posts.get(posts.size() - 1).atNanos() - restarted) / 1_000_000;
                postFor(Duration.ofSeconds(4), url, posts);

                List<Post> duringOutage = posts.stream()
                        .filter(p -> p.atNanos() > stopped && p.atNanos() < restarted)
                        .toList();
                Set<String> accepted = posts.stream()
                        .filter(p -> p.status() == 202)
                        .map(Post::id)
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<String> refused = posts.stream()
                        .filter(p -> p.status() == 503)
                        .map(Post::id)
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(posts)
                        .as("answers other than 202 and 503")
                        .allMatch(p -> p.status() == 202 || p.status() == 503);
                assertThat(duringOutage)
                        .as("answers while the broker was down")
                        .isNotEmpty()
                        .allSatisfy(p -> assertThat(p.status()).as(p.body()).isEqualTo(503))
                        .allSatisfy(p -> assertThat(p.body()).contains("kafka_unavailable"));
                assertThat(readyDuringOutage)
                        .as("/health/ready while the broker was down")
                        .isEqualTo(503);
                assertThat(posts.get(posts.size() - 1).status())
                        .as("the last answer, after the restart")
                        .isEqualTo(202);

                Eventually.await(
                        Duration.ofSeconds(240),
                        () -> output.poll().predictions().keySet().containsAll(accepted),
                        () -> "predictions of every accepted image; missing "
                                + accepted.stream()
                                        .filter(id -> !output.predictions().containsKey(id))
                                        .count() + " of " + accepted.size()
                                + "; classifier log:\n" + classifier.process().logTail());
                long drainedMs = (System.nanoTime() - restarted) / 1_000_000;
                // Anything late (a duplicate, a refused image published after all) would show up now.
                long settle = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (System.nanoTime() < settle) {
                    output.poll();
                }
                assertThat(output.duplicatedPredictions())
                        .as("images predicted more than once")
                        .isEmpty();
                assertThat(refused)
                        .as("images refused with 503 but predicted all the same")
                        .noneMatch(id -> output.predictions().containsKey(id));
                assertThat(classifier.process().isAlive())
                        .as("the classifier JVM")
                        .isTrue();
                Eventually.await(Duration.ofSeconds(60), classifier::isReady, () -> "the classifier to be ready again");

                Results.passed(
                        Check.F3_BROKER_RESTART,
                        "images POSTed to the ingest endpoint (one every 200 ms, one at a time) "
                                + "while the broker was stopped for " + OUTAGE.toSeconds()
                                + " s and started again on the same "
                                + "ports and log folder; classifier in its own JVM: " + duringOutage.size()
                                + " requests during the outage all got 503 `kafka_unavailable`, `/health/ready` 503; "
                                + "202 again without any "
                                + "restart of ingest or classifier; all " + accepted.size()
                                + " accepted images predicted exactly "
                                + "once (read_committed), none of the " + refused.size() + " refused ones predicted",
                        "first 202 " + httpRecoveredMs + " ms after the broker's `start()` returned; every accepted "
                                + "image predicted " + drainedMs / 1000 + " s after it");
            }
        }
    }

    private static void postFor(Duration duration, String url, List<Post> posts) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            posts.add(post(url, posts.size()));
            Thread.sleep(200);
        }
    }

    private static Post post(String url, int n) throws Exception {
        byte[] image =
                TestImages.jpeg(TestImages.halves(48, 36, new Color(n * 37 % 256, n * 11 % 256, 90), Color.WHITE));
        long at = System.nanoTime();
        HttpResponse<String> response = Http.post(url, "image/jpeg", image, null);
        return new Post(ImageId.of(image), at, response.statusCode(), response.body());
    }

    private static int waitForNotReady(String address) throws Exception {
        int status = 200;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (status == 200 && System.nanoTime() < deadline) {
            status = Http.get(address + "/health/ready").statusCode();
            Thread.sleep(200);
        }
        return status;
    }
}
