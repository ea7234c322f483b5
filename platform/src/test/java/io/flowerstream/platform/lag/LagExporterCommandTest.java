package io.flowerstream.platform.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.testsupport.junit.EmbeddedKafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code lag-exporter} as the script and the images run it: flags and KAFKA_* from the environment, until stopped. */
class LagExporterCommandTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void serves_the_watched_topics_offsets_with_the_broker_from_the_environment_and_exits_0_when_stopped()
            throws Exception {
        KAFKA.kafka().createTopic("cmd.images", 2);
        LagExporterCommand command = new LagExporterCommand();
        command.env = Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(), "KAFKA_CLIENT_ID", "lag-test");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli =
                new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));

        // No --bootstrap-servers: the broker comes from KAFKA_BOOTSTRAP_SERVERS, as in compose and the chart.
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cli.execute("--http-port", "0", "--topics", "cmd.images", "--poll-seconds", "1"));
        String address = awaitAddress(out, exit);
        assertThat(out.toString())
                .contains("groups matching flowers-classifier.* on [cmd.images]", "client.id=lag-test");

        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(30);
        String metrics = "";
        while (Instant.now().isBefore(deadline)
                && !metrics.contains("kafka_topic_partition_current_offset{partition=\"1\"")) {
            metrics = http.send(
                            HttpRequest.newBuilder(URI.create(address + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Thread.sleep(200);
        }
        String offset = "kafka_topic_partition_current_offset{partition=\"%d\",service=\"lag-exporter\","
                + "topic=\"cmd.images\"} 0.0";
        assertThat(metrics).contains(offset.formatted(0), offset.formatted(1));
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(address + "/health/ready"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);

        command.stop.countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
    }

    private static String awaitAddress(StringWriter out, CompletableFuture<Integer> exit) throws InterruptedException {
        Pattern at = Pattern.compile("at (http://\\S+)/metrics");
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = at.matcher(out.toString());
            if (m.find()) {
                return m.group(1);
            }
            assertThat(exit).as("the command ended early: " + out).isNotDone();
            Thread.sleep(100);
        }
        throw new AssertionError("lag-exporter never said where it serves /metrics: " + out);
    }
}
