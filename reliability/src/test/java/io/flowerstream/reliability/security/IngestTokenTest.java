package io.flowerstream.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.ingest.archive.ArchiverSettings;
import io.flowerstream.ingest.check.CheckMode;
import io.flowerstream.ingest.http.BearerToken;
import io.flowerstream.ingest.http.HttpSettings;
import io.flowerstream.ingest.http.IngestHttpServer;
import io.flowerstream.ingest.service.IngestService;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.reliability.report.Check;
import io.flowerstream.reliability.report.Results;
import io.flowerstream.testsupport.Http;
import io.flowerstream.testsupport.TestImages;
import io.flowerstream.testsupport.junit.EmbeddedKafkaExtension;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest endpoint's token as docs/ingest.md documents it: with {@code INGEST_TOKEN} or
 * {@code INGEST_TOKEN_FILE} set, a request without {@code Authorization: Bearer <token>}, or with
 * another token or scheme, gets 401 and publishes nothing; with the token it gets 202.
 */
class IngestTokenTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final String TOKEN = "ingest-token-51d2e8a7";
    private static final byte[] IMAGE = TestImages.jpeg(TestImages.halves(40, 30, Color.RED, Color.YELLOW));

    @Test
    void requests_without_the_token_or_with_a_wrong_one_get_401_and_publish_nothing_and_the_token_gets_202(
            @TempDir Path dir) throws Exception {
        KAFKA.kafka().createTopic(Topics.IMAGES, 3, Topics.configOf(Topics.IMAGES));
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        List<String> checked = new ArrayList<>();
        for (Map<String, String> env :
                List.of(Map.of("INGEST_TOKEN", TOKEN), Map.of("INGEST_TOKEN_FILE", tokenFile.toString()))) {
            String from = env.keySet().iterator().next();
            try (IngestService service =
                    IngestService.start(settings(BearerToken.fromEnv(env)), ServiceMetrics.newRegistry("ingest"))) {
                String url = service.address() + IngestHttpServer.IMAGES_PATH + "?label=rose";
                long before = published();
                List<String> wrongs = java.util.Arrays.asList(
                        null,
                        "Bearer ",
                        "Bearer wrong-token",
                        "Bearer " + TOKEN + "x",
                        "Bearer " + TOKEN.substring(1),
                        TOKEN,
                        "Basic " + java.util.Base64.getEncoder().encodeToString(("user:" + TOKEN).getBytes()));
                for (String wrong : wrongs) {
                    HttpResponse<String> refused = Http.post(url, "image/jpeg", IMAGE, wrong);
                    assertThat(refused.statusCode())
                            .as("Authorization '%s' with %s set: %s", wrong, from, refused.body())
                            .isEqualTo(401);
                }
                assertThat(published())
                        .as("records published by refused requests")
                        .isEqualTo(before);

                HttpResponse<String> accepted = Http.post(url, "image/jpeg", IMAGE, "Bearer " + TOKEN);
                assertThat(accepted.statusCode())
                        .as("the right token with %s set: %s", from, accepted.body())
                        .isEqualTo(202);
                assertThat(published()).isEqualTo(before + 1);
                checked.add(from);
            }
        }
        Results.passed(
                Check.S1_TOKEN,
                "with the token from " + String.join(" and from ", checked)
                        + ": no `Authorization`, an empty, a wrong, a longer and a shorter token, the bare token "
                        + "without `Bearer`, and `Basic` each get 401 and publish nothing (topic end offsets "
                        + "unchanged); `Bearer <token>` gets 202 and exactly one record",
                "7 refused and 1 accepted request per setting");
    }

    private static IngestService.Settings settings(Optional<BearerToken> token) {
        return new IngestService.Settings(
                KafkaClientConfig.of(KAFKA.bootstrapServers()),
                HttpSettings.onPort(0, ImageLimits.DEFAULT_MAX_BYTES, token),
                Topics.IMAGES,
                CheckMode.DECODE,
                ArchiverSettings.defaults(),
                Optional.empty());
    }

    private static long published() throws Exception {
        try (Admin admin = KAFKA.kafka().admin()) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < 3; p++) {
                latest.put(new TopicPartition(Topics.IMAGES, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        }
    }
}
