package io.flowerstream.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.events.ModelAnnouncement;
import io.flowerstream.contracts.ids.Sha256;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.profile.ProfilePart;
import io.flowerstream.model.registry.ModelMetadata;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.testsupport.SamplePhotos;
import io.flowerstream.testsupport.TopicRecords;
import io.flowerstream.testsupport.junit.EmbeddedKafkaExtension;
import io.flowerstream.testsupport.junit.EmbeddedS3Extension;
import io.flowerstream.trainer.data.Manifest;
import io.flowerstream.trainer.data.S3ImageSource;
import io.flowerstream.trainer.metrics.TrainerMetrics;
import io.flowerstream.trainer.publish.KafkaAnnouncer;
import io.flowerstream.trainer.train.ProgressListener;
import io.flowerstream.trainer.train.TrainingOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tiny training runs against the embedded S3 server and broker, on real photos (the committed sample set): the first
 * publishes version 1 as champion, the second publishes version 2 through the gate, the third
 * starts from the champion's weights and is promoted by force.
 */
class TrainingRunIntegrationTest {

    private static final String BUCKET = "flowerstream";
    private static final int PER_CLASS = 8;

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @BeforeAll
    static void engine() {
        DjlRuntime.engine();
    }

    private static MinioClient client() {
        return MinioClient.builder()
                .endpoint(S3.s3().endpoint())
                .credentials(S3.s3().accessKey(), S3.s3().secretKey())
                .region(S3.s3().region())
                .build();
    }

    /** Uploads photos as the archiver stores them: images/<label>/<sha256>.jpg. */
    private static int uploadPhotos(MinioClient client) throws Exception {
        int uploaded = 0;
        for (String label : FlowerClasses.NAMES) {
            for (Path photo : SamplePhotos.photos(label).subList(0, PER_CLASS)) {
                byte[] bytes = Files.readAllBytes(photo);
                String sha = Sha256.hex(bytes);
                client.putObject(
                        PutObjectArgs.builder().bucket(BUCKET).object("images/" + label + "/" + sha + ".jpg").stream(
                                        new ByteArrayInputStream(bytes), bytes.length, -1)
                                .contentType("image/jpeg")
                                .build());
                uploaded++;
            }
        }
        return uploaded;
    }

    private static RunSettings tinyRun() {
        TrainingOptions training = TrainingOptions.builder()
                .epochs(2)
                .batchSize(8)
                .maxBatches(2)
                .devices(new Device[] {Device.cpu()})
                .build();
        return RunSettings.builder().training(training).build();
    }

    @Test
    void a_first_run_becomes_champion_a_second_goes_through_the_gate_and_a_forced_warm_start_takes_over()
            throws Exception {
        MinioClient client = client();
        client.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
        int photos = uploadPhotos(client);
        KAFKA.kafka().createTopic(Topics.MODELS, 1, Topics.configOf(Topics.MODELS));
        ModelRegistry registry = new ModelRegistry(client, BUCKET);
        S3ImageSource source = new S3ImageSource(client, BUCKET);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TrainerMetrics metrics = new TrainerMetrics();
        metrics.bindTo(meters);

        RunResult first;
        RunResult second;
        RunResult third;
        int championBeforeThird;
        try (KafkaAnnouncer announcer = new KafkaAnnouncer(KafkaClientConfig.of(KAFKA.bootstrapServers()))) {
            first = new TrainingRun(source, registry, announcer, tinyRun(), ProgressListener.NONE, metrics).run();
            second = new TrainingRun(
                            source,
                            registry,
                            announcer,
                            tinyRun().toBuilder().margin(0).build(),
                            ProgressListener.NONE,
                            metrics)
                    .run();
            championBeforeThird = registry.resolveAlias(ModelRegistry.CHAMPION).orElseThrow();
            RunSettings warmForced = tinyRun().toBuilder()
                    .margin(1.0)
                    .forcePromote(true)
                    .warmStart(true)
                    .build();
            third = new TrainingRun(source, registry, announcer, warmForced, ProgressListener.NONE, metrics).run();
        }

        // Version 1: no champion to beat, so it is promoted, and says why.
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.datasetSize()).isEqualTo(photos);
        ModelMetadata v1 = registry.metadata(1).orElseThrow();
        assertThat(v1.promoted()).isTrue();
        assertThat(v1.promotionReason()).contains("no champion");
        assertThat(v1.history()).hasSize(2);
        assertThat(v1.validation().accuracy()).isEqualTo(first.outcome().bestValidationAccuracy());
        assertThat(v1.datasetManifest().size()).isEqualTo(photos);
        assertThat(v1.datasetManifest().sha256()).isEqualTo(new Manifest(source.list()).sha256());
        // Served with a temperature fitted on its validation photos and a profile of them.
        assertThat(v1.calibration()).isNotNull();
        assertThat(v1.calibration().temperature()).isPositive();
        assertThat(v1.calibration().rule()).contains("validation photos");
        assertThat(v1.referenceProfile().photos()).isEqualTo(first.validationPhotos());
        assertThat(java.util.Arrays.stream(v1.referenceProfile().counts(ProfilePart.WIDTH))
                        .sum())
                .isEqualTo(first.validationPhotos());

        // Version 2: the gate compared both on the same validation photos, so the champion scored
        // exactly what version 1 recorded; the decision follows from the two accuracies.
        assertThat(second.version()).isEqualTo(2);
        ModelMetadata v2 = registry.metadata(2).orElseThrow();
        double candidate = second.outcome().bestValidationAccuracy();
        double champion = second.decision().championAccuracy();
        assertThat(second.decision().championVersion()).isEqualTo(1);
        assertThat(champion).isEqualTo(v1.validation().accuracy());
        assertThat(v2.promoted())
                .isEqualTo(candidate > champion)
                .isEqualTo(second.decision().promoted());
        assertThat(v2.promotionReason())
                .isEqualTo(second.decision().reason())
                .contains(String.format("%.4f", candidate))
                .contains(String.format("%.4f", champion));
        assertThat(championBeforeThird).isEqualTo(v2.promoted() ? 2 : 1);

        // Version 3 started from the champion's weights and was forced through a gate no model can pass.
        ModelMetadata v3 = registry.metadata(3).orElseThrow();
        assertThat(third.version()).isEqualTo(3);
        assertThat(v3.parentVersion()).isEqualTo(championBeforeThird);
        assertThat(v3.promoted()).isTrue();
        assertThat(v3.promotionReason()).contains("--promote");
        assertThat(registry.resolveAlias(ModelRegistry.CHAMPION)).contains(3);

        // The artifacts: three valid PNGs and the manifest next to the weights.
        for (int version : List.of(1, 2, 3)) {
            for (String png : List.of("training-curves.png", "confusion-matrix.png", "samples.png")) {
                BufferedImage image = ImageIO.read(
                        new ByteArrayInputStream(registry.artifact(version, png).orElseThrow()));
                assertThat(image).as(png + " of version " + version).isNotNull();
                assertThat(image.getWidth()).as(png).isGreaterThan(300);
                assertThat(image.getHeight()).as(png).isGreaterThan(300);
            }
            assertThat(new String(registry.artifact(version, Manifest.FILE_NAME).orElseThrow()))
                    .startsWith("key,label,sha256,split")
                    .hasLineCount(photos + 1);
            assertThat(registry.fetch(version).params()).isNotEmpty();
        }

        // Both versions were announced on flowers.models, keyed by the model name.
        List<ModelAnnouncement> announced = readAnnouncements();
        assertThat(announced).extracting(ModelAnnouncement::version).containsExactly(1, 2, 3);
        assertThat(announced.get(0).aliases()).containsExactly(ModelRegistry.CHAMPION);
        assertThat(announced.get(1).aliases()).isEqualTo(v2.promoted() ? List.of(ModelRegistry.CHAMPION) : List.of());
        assertThat(announced.get(1).paramsSha256()).isEqualTo(v2.paramsSha256());

        // The meters follow the runs: the epoch gauges carry the version being trained.
        assertThat(meters.get("flowers.trainer.published.version").gauge().value())
                .isEqualTo(3);
        assertThat(meters.get("flowers.trainer.champion.version").gauge().value())
                .isEqualTo(3);
        assertThat(meters.get("flowers.trainer.epoch.accuracy")
                        .tags("phase", "validation", "version", "3")
                        .gauge()
                        .value())
                .isEqualTo(third.outcome().history().get(1).valAccuracy());
        assertThat(meters.find("flowers.trainer.epoch.loss")
                        .tags("version", "2")
                        .gauges())
                .isEmpty();
        assertThat(meters.get("flowers.trainer.dataset.size").gauge().value()).isEqualTo(photos);
    }

    /** Every announcement on flowers.models, each checked to be keyed by the model name. */
    private static List<ModelAnnouncement> readAnnouncements() {
        List<ModelAnnouncement> announced = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicRecords.all(KAFKA.bootstrapServers(), Topics.MODELS)) {
            assertThat(record.key()).isEqualTo(ModelRegistry.DEFAULT_MODEL_NAME);
            announced.add(ModelAnnouncement.fromJson(record.value()));
        }
        return announced;
    }
}
