package io.flowerstream.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.djl.Device;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.ids.Sha256;
import io.flowerstream.embedded.EmbeddedS3;
import io.flowerstream.embedded.FreePorts;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.s3.S3Settings;
import io.flowerstream.reliability.report.Check;
import io.flowerstream.reliability.report.Results;
import io.flowerstream.testsupport.TestImages;
import io.flowerstream.trainer.data.S3ImageSource;
import io.flowerstream.trainer.publish.Announcer;
import io.flowerstream.trainer.run.RunResult;
import io.flowerstream.trainer.run.RunSettings;
import io.flowerstream.trainer.run.TrainingRun;
import io.flowerstream.trainer.train.EpochResult;
import io.flowerstream.trainer.train.ProgressListener;
import io.flowerstream.trainer.train.TrainingOptions;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 server goes away during a training run, once after training and before the publish
 * step, once in the middle of the publish (weights stored, metadata not). The run fails with an
 * exception and publishes no version that {@link ModelRegistry#listVersions()} shows; with the
 * server back (same port, same files) the next run publishes a version and becomes champion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingStorageOutageTest {

    private static final String BUCKET = "flowerstream";
    private static final int PER_CLASS = 6;

    private EmbeddedS3 s3;
    private MinioClient client;

    @BeforeAll
    void startStorageWithLabelledPhotos(@TempDir Path storage) throws Exception {
        DjlRuntime.engine();
        s3 = EmbeddedS3.onDirectory(storage).withPort(FreePorts.next()).start();
        client = settings().newClient();
        new ModelRegistry(client, BUCKET).ensureBucket();
        for (int c = 0; c < FlowerClasses.count(); c++) {
            for (int i = 0; i < PER_CLASS; i++) {
                Color colour = Color.getHSBColor(c / 5f, 0.4f + i * 0.1f, 0.9f);
                byte[] jpeg = TestImages.jpeg(TestImages.halves(80, 60, colour, colour.darker()));
                String key = "images/" + FlowerClasses.NAMES.get(c) + "/" + sha256(jpeg) + ".jpg";
                client.putObject(PutObjectArgs.builder().bucket(BUCKET).object(key).stream(
                                new ByteArrayInputStream(jpeg), jpeg.length, -1)
                        .build());
            }
        }
    }

    @AfterAll
    void stopStorage() {
        s3.close();
    }

    @Test
    void storage_down_after_training_fails_the_run_without_a_version_and_the_next_run_publishes() throws Exception {
        ModelRegistry registry = new ModelRegistry(client, BUCKET);
        List<Integer> before = registry.listVersions();
        ProgressListener stopStorageAfterLastEpoch = new ProgressListener() {
            @Override
            public void onEpoch(int epochs, EpochResult result, boolean best, boolean learningRateCut) {
                if (result.epoch() == epochs) {
                    s3.stop();
                }
            }
        };

        Outage outage = runThroughOutage(registry, stopStorageAfterLastEpoch);

        assertThat(outage.afterFailure()).as("versions after the failed run").isEqualTo(before);
        Results.passed(
                Check.F4_S3_DOWN_BEFORE_PUBLISH,
                "S3 stopped when the last epoch ended: the run throws `"
                        + outage.error() + "`; with S3 back no new version is listed (`listVersions` " + before
                        + " before and after); the next run publishes version "
                        + outage.next().version()
                        + " (`champion` moved to it or not as the gate decided)",
                "failed run " + outage.failedSeconds() + " s; next run " + outage.nextSeconds() + " s");
    }

    @Test
    void storage_down_in_the_middle_of_the_publish_leaves_a_half_version_no_one_sees_and_the_next_run_publishes()
            throws Exception {
        AtomicBoolean armed = new AtomicBoolean(true);
        // Stops the server as the publish reaches its second file: model.params is stored, metadata.json never is.
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    if (chain.request().method().equals("PUT")
                            && chain.request().url().encodedPath().endsWith("/synset.txt")
                            && armed.compareAndSet(true, false)) {
                        s3.stop();
                    }
                    return chain.proceed(chain.request());
                })
                .connectTimeout(5, TimeUnit.SECONDS)
                .build();
        S3Settings settings = settings();
        MinioClient dying = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .httpClient(http)
                .build();
        ModelRegistry registry = new ModelRegistry(dying, BUCKET);
        List<Integer> before = new ModelRegistry(client, BUCKET).listVersions();

        Outage outage = runThroughOutage(registry, ProgressListener.NONE);

        ModelRegistry healthy = new ModelRegistry(client, BUCKET);
        List<String> halfWritten = keys("models/" + healthy.modelName() + "/").stream()
                .filter(k -> k.endsWith("/model.params"))
                .filter(k -> !healthy.listVersions().contains(Integer.parseInt(k.split("/")[2])))
                .toList();
        assertThat(armed).as("the outage happened during the publish").isFalse();
        assertThat(halfWritten)
                .as("weights stored before the outage, of a version never committed")
                .isNotEmpty();
        assertThat(healthy.listVersions())
                .as("committed versions")
                .doesNotContainAnyElementsOf(halfWritten.stream()
                        .map(k -> Integer.parseInt(k.split("/")[2]))
                        .toList());
        Results.passed(
                Check.F4_S3_DOWN_MID_PUBLISH,
                "S3 stopped as the publish went to write `synset.txt`, after `"
                        + halfWritten.get(0) + "` was stored: the run throws `" + outage.error()
                        + "`; that version has weights but no `metadata.json`, and `listVersions` (" + before
                        + " before) never lists it; the next run publishes version "
                        + outage.next().version()
                        + " (`champion` as the gate decided)",
                "failed run " + outage.failedSeconds() + " s; next run " + outage.nextSeconds() + " s");
    }

    private record Outage(
            String error, List<Integer> afterFailure, RunResult next, long failedSeconds, long nextSeconds) {}

    /** A run that meets the outage and must fail, then S3 back and a run that must publish. */
    private Outage runThroughOutage(ModelRegistry registry, ProgressListener listener) throws Exception {
        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> new TrainingRun(
                        new S3ImageSource(client, BUCKET), registry, Announcer.NONE, tinyRun(), listener, null)
                .run());
        long failedSeconds = (System.nanoTime() - start) / 1_000_000_000;
        assertThat(failure).as("the run with S3 gone").isNotNull();
        assertThat(s3IsDown()).as("S3 was stopped by the test").isTrue();

        s3.start();
        ModelRegistry healthy = new ModelRegistry(client, BUCKET);
        List<Integer> afterFailure = healthy.listVersions();
        java.util.Optional<Integer> champion = healthy.resolveAlias(ModelRegistry.CHAMPION);
        start = System.nanoTime();
        RunResult next = new TrainingRun(
                        new S3ImageSource(client, BUCKET),
                        healthy,
                        Announcer.NONE,
                        tinyRun(),
                        ProgressListener.NONE,
                        null)
                .run();
        long nextSeconds = (System.nanoTime() - start) / 1_000_000_000;
        assertThat(healthy.listVersions())
                .as("versions after the next run")
                .hasSize(afterFailure.size() + 1)
                .contains(next.version());
        // The gate decides whether the new version becomes champion; either way the alias names a committed version.
        assertThat(healthy.resolveAlias(ModelRegistry.CHAMPION))
                .isEqualTo(next.decision().promoted() ? java.util.Optional.of(next.version()) : champion);
        assertThat(healthy.fetch(next.version()).params()).isNotEmpty();
        String error = failure.getClass().getSimpleName() + ": " + String.valueOf(failure.getMessage());
        return new Outage(
                error.length() > 120 ? error.substring(0, 120) + "..." : error,
                afterFailure,
                next,
                failedSeconds,
                nextSeconds);
    }

    private boolean s3IsDown() {
        try {
            new ModelRegistry(client, BUCKET).listVersions();
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private List<String> keys(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder()
                .bucket(BUCKET)
                .prefix(prefix)
                .recursive(true)
                .build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    private static RunSettings tinyRun() {
        return RunSettings.builder()
                .training(TrainingOptions.builder()
                        .epochs(2)
                        .batchSize(8)
                        .maxBatches(2)
                        .devices(new Device[] {Device.cpu()})
                        .build())
                .build();
    }

    private S3Settings settings() {
        return new S3Settings(s3.endpoint(), s3.accessKey(), s3.secretKey(), BUCKET);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Sha256.hex(bytes);
    }
}
