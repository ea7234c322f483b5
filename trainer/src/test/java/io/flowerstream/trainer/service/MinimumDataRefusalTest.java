package io.flowerstream.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.ids.Sha256;
import io.flowerstream.testsupport.junit.EmbeddedS3Extension;
import io.flowerstream.trainer.data.S3ImageSource;
import io.flowerstream.trainer.metrics.TrainerMetrics;
import io.flowerstream.trainer.run.RunResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * {@code trainer serve} on an embedded S3 bucket refuses to train until every class has
 * TRAIN_MIN_PER_CLASS labelled photos: it logs which classes are short and what to do, once per
 * shortfall, sets {@code flowers.trainer.classes.short}, stays healthy and counts no failed run;
 * once the photos are there it trains.
 */
class MinimumDataRefusalTest {

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    private static final String BUCKET = "min-data";

    @Test
    void refuses_to_train_until_every_class_has_the_minimum_then_trains() throws Exception {
        MinioClient client = MinioClient.builder()
                .endpoint(S3.s3().endpoint())
                .credentials(S3.s3().accessKey(), S3.s3().secretKey())
                .region(S3.s3().region())
                .build();
        client.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
        S3ImageSource images = new S3ImageSource(client, BUCKET);
        for (String label : FlowerClasses.NAMES) {
            putPhotos(client, label, label.equals("rose") ? 4 : label.equals("tulip") ? 0 : 3);
        }

        AtomicInteger runs = new AtomicInteger();
        CountDownLatch trained = new CountDownLatch(1);
        RetrainScheduler.Source source = new RetrainScheduler.Source() {
            @Override
            public long countImages() {
                throw new AssertionError("with a minimum per class the scheduler counts per class");
            }

            @Override
            public Map<String, Long> countImagesPerClass() throws Exception {
                return images.countPerClass();
            }

            @Override
            public String describe() {
                return images.describe();
            }

            @Override
            public RetrainScheduler.LastRun lastRun() {
                return null;
            }

            @Override
            public RunResult runOnce() {
                runs.incrementAndGet();
                trained.countDown();
                return new RunResult(1, 25, 20, 5, null, null, null, 0.01);
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TrainerMetrics metrics = new TrainerMetrics();
        metrics.bindTo(meters);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(RetrainScheduler.class);
        log.start();
        logger.addAppender(log);
        RetrainPolicy policy = new RetrainPolicy(
                Duration.ofHours(1), 0, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(1));
        try (RetrainScheduler scheduler =
                new RetrainScheduler(source, policy, new MinimumData(5), metrics, Clock.systemUTC()).start()) {
            awaitGauge(meters, 5);
            Thread.sleep(300); // a dozen polls, all refused
            assertThat(runs.get()).as("no run while classes are short").isZero();
            assertThat(scheduler.healthy())
                    .as("waiting for data is not a failure")
                    .isTrue();
            assertThat(meters.get("flowers.trainer.runs.failed").counter().count())
                    .isZero();
            List<String> refusals = messages(log).stream()
                    .filter(m -> m.startsWith("not training yet"))
                    .toList();
            assertThat(refusals)
                    .as("one line for one shortfall, not one per poll")
                    .hasSize(1);
            assertThat(refusals.get(0))
                    .contains(
                            "at least 5 labelled photos",
                            "TRAIN_MIN_PER_CLASS",
                            "daisy 3",
                            "dandelion 3",
                            "rose 4",
                            "sunflower 3",
                            "tulip 0",
                            "s3://" + BUCKET + "/images/",
                            "ingest push --label-from-folder");

            for (String label : List.of("daisy", "dandelion", "sunflower")) {
                putPhotos(client, label, 5);
            }
            putPhotos(client, "rose", 5);
            awaitGauge(meters, 1);
            assertThat(runs.get()).as("tulip is still short").isZero();
            assertThat(messages(log))
                    .anyMatch(m -> m.contains("are short") && m.contains(": tulip 0.") && !m.contains("rose"));

            putPhotos(client, "tulip", 5);
            assertThat(trained.await(10, TimeUnit.SECONDS))
                    .as("trains once every class has 5")
                    .isTrue();
            awaitGauge(meters, 0);
        } finally {
            logger.detachAppender(log);
        }
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void the_default_minimum_is_twenty_of_every_class_and_zero_turns_it_off() {
        MinimumData defaults = new MinimumData(MinimumData.DEFAULT_MIN_PER_CLASS);
        Map<String, Long> nineteenRoses =
                Map.of("daisy", 20L, "dandelion", 25L, "rose", 19L, "sunflower", 20L, "tulip", 40L);

        assertThat(defaults.shortOf(nineteenRoses)).containsExactly(Map.entry("rose", 19L));
        assertThat(MinimumData.none().active()).isFalse();
        assertThat(MinimumData.none().shortOf(Map.of())).isEmpty();
    }

    private static List<String> messages(ListAppender<ILoggingEvent> log) {
        synchronized (log.list) {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static void awaitGauge(SimpleMeterRegistry meters, double wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (meters.get("flowers.trainer.classes.short").gauge().value() != wanted) {
            assertThat(System.nanoTime())
                    .as("flowers.trainer.classes.short reached %s", wanted)
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Puts photos under images/<label>/ until the class has {@code total}, as the archiver names them. */
    private static void putPhotos(MinioClient client, String label, int total) throws Exception {
        for (int i = 0; i < total; i++) {
            byte[] bytes = (label + "-" + i).getBytes();
            String sha = Sha256.hex(bytes);
            client.putObject(
                    PutObjectArgs.builder().bucket(BUCKET).object("images/" + label + "/" + sha + ".jpg").stream(
                                    new ByteArrayInputStream(bytes), bytes.length, -1)
                            .build());
        }
    }
}
