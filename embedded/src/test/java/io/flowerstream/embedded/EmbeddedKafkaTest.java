package io.flowerstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    private static final EmbeddedKafka KAFKA = EmbeddedKafka.inTempDir();

    @BeforeAll
    static void startBroker() {
        KAFKA.start();
    }

    @AfterAll
    static void stopBroker() {
        KAFKA.close();
    }

    @Test
    void delivers_a_produced_record_to_a_consumer() throws Exception {
        KAFKA.createTopic("roundtrip", 1);
        produce(KAFKA, "roundtrip", "image-1", "rose");

        assertThat(consumeAll(KAFKA, "roundtrip", 1)).containsExactly("image-1=rose");
    }

    @Test
    void creates_a_topic_with_the_asked_partitions_and_configs() throws Exception {
        KAFKA.createTopic("models", 3, Map.of("cleanup.policy", "compact"));
        KAFKA.createTopic("models", 3); // a second create is a no-op, not an error

        try (Admin admin = KAFKA.admin()) {
            TopicDescription description = admin.describeTopics(List.of("models"))
                    .allTopicNames()
                    .get()
                    .get("models");
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "models");
            String policy = admin.describeConfigs(List.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get("cleanup.policy")
                    .value();
            assertThat(description.partitions()).hasSize(3);
            assertThat(policy).isEqualTo("compact");
        }
    }

    @Test
    void keeps_records_and_address_across_a_restart() throws Exception {
        KAFKA.createTopic("outage", 1);
        produce(KAFKA, "outage", "before", "stop");
        String address = KAFKA.bootstrapServers();

        KAFKA.restart();

        assertThat(KAFKA.bootstrapServers()).isEqualTo(address);
        produce(KAFKA, "outage", "after", "start");
        assertThat(consumeAll(KAFKA, "outage", 2)).containsExactly("before=stop", "after=start");
    }

    @Test
    void resumes_a_fixed_data_dir_in_a_second_instance(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("kafka");
        try (EmbeddedKafka first = EmbeddedKafka.onDataDir(dataDir).start()) {
            first.createTopic("kept", 1);
            produce(first, "kept", "k", "v");
        }
        assertThat(dataDir.resolve("log").resolve("meta.properties")).exists();

        try (EmbeddedKafka second = EmbeddedKafka.onDataDir(dataDir).start()) {
            assertThat(consumeAll(second, "kept", 1)).containsExactly("k=v");
        }
        assertThat(Files.exists(dataDir))
                .as("a given data dir is kept on close")
                .isTrue();
    }

    @Test
    void runs_beside_a_second_broker_in_the_same_jvm() throws Exception {
        try (EmbeddedKafka other = EmbeddedKafka.inTempDir().start()) {
            assertThat(other.bootstrapServers()).isNotEqualTo(KAFKA.bootstrapServers());
            other.createTopic("only-here", 1);
            produce(other, "only-here", "a", "b");
            assertThat(consumeAll(other, "only-here", 1)).containsExactly("a=b");
            try (Admin admin = KAFKA.admin()) {
                Set<String> names = admin.listTopics().names().get();
                assertThat(names).doesNotContain("only-here");
            }
        }
    }

    static void produce(EmbeddedKafka kafka, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    static List<String> consumeAll(EmbeddedKafka kafka, String topic, int expected) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
        }
        return seen;
    }
}
