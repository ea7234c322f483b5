package io.flowerstream.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.ids.ImageId;
import io.flowerstream.contracts.storage.ArchiveKey;
import io.flowerstream.contracts.topics.Headers;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.ingest.archive.Archiver;
import io.flowerstream.ingest.archive.ArchiverMetrics;
import io.flowerstream.ingest.archive.ArchiverSettings;
import io.flowerstream.ingest.archive.ImageArchive;
import io.flowerstream.ingest.check.DecodingImageCheck;
import io.flowerstream.model.image.ImageRejectedException;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.testsupport.Eventually;
import io.flowerstream.testsupport.SamplePhotos;
import io.flowerstream.testsupport.TestImages;
import io.flowerstream.testsupport.TopicRecords;
import io.flowerstream.testsupport.junit.DebianTools;
import io.flowerstream.testsupport.junit.EmbeddedKafkaExtension;
import io.flowerstream.testsupport.junit.EmbeddedS3Extension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minio.MinioClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push CLI, the archiver and kcat against one embedded broker and one embedded S3 server, on the
 * committed sample photos. The kcat test skips, with the reason, where Debian's kcat is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushAndArchiveTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    private Archiver archiver;
    private ArchiverMetrics metrics;
    private MinioClient s3;

    @BeforeAll
    void startArchiver() throws Exception {
        KAFKA.kafka().createTopic(Topics.IMAGES, 3, Topics.configOf(Topics.IMAGES));
        KAFKA.kafka().createTopic(Topics.IMAGES_DLQ, 1, Topics.configOf(Topics.IMAGES_DLQ));
        s3 = Buckets.client(S3.s3());
        metrics = new ArchiverMetrics(new SimpleMeterRegistry());
        archiver = new Archiver(
                        KafkaClientConfig.of(KAFKA.bootstrapServers()),
                        ArchiverSettings.defaults(),
                        new ImageArchive(s3, Buckets.BUCKET),
                        DecodingImageCheck.withDefaults(),
                        metrics)
                .start();
    }

    @AfterAll
    void stopArchiver() {
        archiver.close();
    }

    @Test
    void pushing_a_folder_of_real_photos_publishes_one_record_per_good_file_and_archives_each_once(@TempDir Path dir)
            throws Exception {
        Map<String, String> labelById = new HashMap<>();
        for (String label : FlowerClasses.NAMES) {
            Path folder = Files.createDirectories(dir.resolve(label));
            for (Path photo : SamplePhotos.photos(label).subList(0, 6)) {
                byte[] bytes = Files.readAllBytes(photo);
                Files.write(folder.resolve(photo.getFileName()), bytes);
                labelById.put(ImageId.of(bytes), label);
            }
        }
        Files.writeString(dir.resolve("rose").resolve("notes.txt"), "not a photo", StandardCharsets.UTF_8);
        Files.write(
                dir.resolve("tulip").resolve("cut.jpg"),
                TestImages.truncated(
                        Files.readAllBytes(SamplePhotos.photos("tulip").get(7)), 0.5));
        Set<String> keysBefore = Buckets.keys(s3, "images/");

        CliRun first = CliRun.of(
                "push", dir.toString(), "--label-from-folder", "--bootstrap-servers", KAFKA.bootstrapServers());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("published 30 of 32 images; 2 skipped: 1 not_an_image, 1 truncated")
                .contains("skipped " + dir.resolve("rose").resolve("notes.txt") + ": not_an_image")
                .contains("skipped " + dir.resolve("tulip").resolve("cut.jpg") + ": truncated");
        List<ConsumerRecord<String, byte[]>> records = recordsFromCli();
        assertThat(records).hasSize(30);
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(record.key()).isEqualTo(ImageId.of(record.value()));
            assertThat(Headers.text(record.headers(), Headers.LABEL)).isEqualTo(labelById.get(record.key()));
            assertThat(Headers.text(record.headers(), Headers.CONTENT_TYPE)).isEqualTo("image/jpeg");
        }
        Set<String> expected = new TreeSet<>(keysBefore);
        labelById.forEach((id, label) -> expected.add(ArchiveKey.of(label, id, "jpg")));
        Eventually.await(
                Duration.ofSeconds(60),
                () -> Buckets.keys(s3, "images/").equals(expected),
                () -> "archived keys " + Buckets.keys(s3, "images/") + " to be " + expected);

        double alreadyStored = metrics.skippedCount(Archiver.ALREADY_STORED);
        CliRun second = CliRun.of(
                "push", dir.toString(), "--label-from-folder", "--bootstrap-servers", KAFKA.bootstrapServers());

        assertThat(second.exitCode()).isZero();
        Eventually.await(
                Duration.ofSeconds(60),
                () -> metrics.skippedCount(Archiver.ALREADY_STORED) >= alreadyStored + 30,
                () -> "the archiver to read the second push");
        assertThat(Buckets.keys(s3, "images/")).isEqualTo(expected);
    }

    @Test
    void a_photo_published_with_kcat_as_a_user_would_is_archived() throws Exception {
        Path kcatBinary = DebianTools.findOrSkip("kcat", "kcat");
        // Not one of the six pushed by the folder test, so that this archive key is new whatever ran first.
        Path photo = SamplePhotos.photos("daisy").get(9);
        String id = ImageId.of(Files.readAllBytes(photo));

        Process kcat = new ProcessBuilder(
                        kcatBinary.toString(),
                        "-b",
                        KAFKA.bootstrapServers(),
                        "-P",
                        "-t",
                        Topics.IMAGES,
                        "-k",
                        id,
                        "-H",
                        "label=daisy",
                        photo.toString())
                .redirectErrorStream(true)
                .start();

        assertThat(kcat.waitFor(30, TimeUnit.SECONDS))
                .as("kcat finished within 30 s")
                .isTrue();
        assertThat(kcat.exitValue())
                .as(new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        String key = ArchiveKey.of("daisy", id, "jpg");
        Eventually.await(Duration.ofSeconds(60), () -> Buckets.keys(s3, key).contains(key), () -> key + " archived");
    }

    @Test
    void records_with_an_unknown_label_or_a_broken_image_go_to_the_dead_letter_topic_with_the_reason()
            throws Exception {
        byte[] photo = TestImages.jpeg(TestImages.solid(40, 30, java.awt.Color.RED));
        byte[] text = TestImages.text();
        double unlabelled = metrics.skippedCount(Archiver.UNLABELLED);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> orchid = new ProducerRecord<>(Topics.IMAGES, "orchid-id", photo);
            orchid.headers().add(Headers.LABEL, Headers.bytes("../orchid"));
            ProducerRecord<String, byte[]> notImage = new ProducerRecord<>(Topics.IMAGES, "text-id", text);
            notImage.headers().add(Headers.LABEL, Headers.bytes("rose"));
            producer.send(orchid).get();
            producer.send(notImage).get();
            producer.send(new ProducerRecord<>(Topics.IMAGES, "unlabelled-id", photo))
                    .get();
        }

        Eventually.await(
                Duration.ofSeconds(60),
                () -> TopicRecords.all(KAFKA.bootstrapServers(), Topics.IMAGES_DLQ)
                                .size()
                        >= 2,
                () -> "two dead letters");
        Map<String, ConsumerRecord<String, byte[]>> letters = new HashMap<>();
        TopicRecords.all(KAFKA.bootstrapServers(), Topics.IMAGES_DLQ).forEach(r -> letters.put(r.key(), r));
        ConsumerRecord<String, byte[]> orchidLetter = letters.get("orchid-id");
        assertThat(Headers.text(orchidLetter.headers(), Headers.ERROR_STAGE)).isEqualTo("archive");
        assertThat(Headers.text(orchidLetter.headers(), Headers.ERROR_REASON)).isEqualTo("unknown_label");
        assertThat(Headers.text(orchidLetter.headers(), Headers.SOURCE_TOPIC)).isEqualTo(Topics.IMAGES);
        assertThat(Headers.text(orchidLetter.headers(), Headers.SOURCE_OFFSET)).isNotBlank();
        assertThat(Headers.text(orchidLetter.headers(), Headers.LABEL)).isEqualTo("../orchid");
        assertThat(orchidLetter.value()).isEqualTo(photo);
        ConsumerRecord<String, byte[]> textLetter = letters.get("text-id");
        assertThat(Headers.text(textLetter.headers(), Headers.ERROR_REASON)).isEqualTo("not_an_image");
        assertThat(Headers.text(textLetter.headers(), Headers.ERROR_MESSAGE)).isNotBlank();
        assertThat(Headers.text(textLetter.headers(), Headers.ERROR_CLASS))
                .isEqualTo(ImageRejectedException.class.getName());
        Eventually.await(
                Duration.ofSeconds(30),
                () -> metrics.skippedCount(Archiver.UNLABELLED) >= unlabelled + 1,
                () -> "the unlabelled record counted as skipped");
        assertThat(Buckets.keys(s3, "images/")).noneMatch(key -> key.contains("orchid"));
    }

    private List<ConsumerRecord<String, byte[]>> recordsFromCli() {
        return TopicRecords.all(KAFKA.bootstrapServers(), Topics.IMAGES).stream()
                .filter(r -> "ingest-cli".equals(Headers.text(r.headers(), Headers.SOURCE)))
                .toList();
    }
}
