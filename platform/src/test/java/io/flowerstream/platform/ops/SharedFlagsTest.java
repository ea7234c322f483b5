package io.flowerstream.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.kafka.KafkaFlags;
import io.flowerstream.platform.s3.S3Flags;
import io.flowerstream.platform.s3.S3Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The Kafka, S3 and HTTP flags as a command that mixes them in sees them. */
class SharedFlagsTest {

    @Command(name = "probe", mixinStandardHelpOptions = true)
    static final class Probe implements Runnable {
        @Mixin
        KafkaFlags kafka;

        @Mixin
        S3Flags s3;

        @Mixin
        HttpFlags http;

        @Override
        public void run() {}
    }

    private static Probe parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe;
    }

    @Test
    void a_flag_wins_over_its_environment_variable() {
        Probe probe = parse("--bootstrap-servers", "broker:19092", "--s3-endpoint", "http://s3:9000", "--bucket", "b2");
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "other:9092",
                "KAFKA_SECURITY_PROTOCOL",
                "SSL",
                "S3_ENDPOINT",
                "http://elsewhere:9000",
                "S3_BUCKET",
                "b1");

        KafkaClientConfig kafka = probe.kafka.config(env);
        S3Settings s3 = probe.s3.settings(env);

        assertThat(kafka.bootstrapServers()).isEqualTo("broker:19092");
        assertThat(kafka.toProperties()).containsEntry("security.protocol", "SSL");
        assertThat(s3.endpoint()).isEqualTo("http://s3:9000");
        assertThat(s3.bucket()).isEqualTo("b2");
    }

    @Test
    void without_flags_the_environment_then_the_defaults_apply() {
        Probe probe = parse();

        assertThat(probe.kafka
                        .config(Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092"))
                        .bootstrapServers())
                .isEqualTo("env:9092");
        assertThat(probe.kafka.config(Map.of()).bootstrapServers()).isEqualTo(KafkaClientConfig.DEFAULT_BOOTSTRAP);
        assertThat(probe.s3.settings(Map.of()).bucket()).isEqualTo(S3Settings.DEFAULT_BUCKET);
        assertThat(probe.s3.settings(Map.of()).endpoint()).isEqualTo(S3Settings.DEFAULT_ENDPOINT);
    }

    @Test
    void the_port_is_the_flag_else_the_command_s_own() {
        assertThat(parse("--http-port", "0").http.port(9402)).isZero();
        // HTTP_PORT is read by picocli from the process environment: only where the test's JVM has none.
        if (System.getenv("HTTP_PORT") == null) {
            assertThat(parse().http.port(9402)).isEqualTo(9402);
        }
        if (System.getenv("HTTP_HOST") == null) {
            assertThat(parse().http.host()).isEqualTo(HttpFlags.DEFAULT_HOST);
        }
        assertThat(parse("--http-host", "0.0.0.0").http.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void help_lists_each_flag_with_its_environment_variable() {
        StringWriter help = new StringWriter();
        new CommandLine(new Probe()).usage(new PrintWriter(help));

        assertThat(help.toString())
                .contains(
                        "--bootstrap-servers=HOST:PORT",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "--s3-endpoint",
                        "S3_ENDPOINT",
                        "--bucket",
                        "S3_BUCKET",
                        "--http-host",
                        "HTTP_HOST",
                        "--http-port",
                        "HTTP_PORT");
    }
}
