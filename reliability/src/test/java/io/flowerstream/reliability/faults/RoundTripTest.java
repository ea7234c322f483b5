package io.flowerstream.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.classifier.config.ClassifierConfig;
import io.flowerstream.classifier.image.DecodingInputWriter;
import io.flowerstream.classifier.models.DirectoryModelSource;
import io.flowerstream.classifier.service.ClassifierService;
import io.flowerstream.embedded.EmbeddedKafka;
import io.flowerstream.ingest.cli.IngestCommand;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.reliability.support.ClassifierChild;
import io.flowerstream.reliability.support.PipelineTopics;
import io.flowerstream.testsupport.Eventually;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ingest roundtrip}, the chart's {@code helm test}, against a real broker and a real classifier. */
class RoundTripTest {

    @Test
    void passes_with_the_prediction_when_a_classifier_is_running(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.inTempDir().start()) {
            PipelineTopics.create(kafka, 2);
            Path models = ClassifierChild.modelFolder(dir.resolve("models"));
            ClassifierConfig config = ClassifierConfig.builder(kafka.bootstrapServers(), models)
                    .maxBatchSize(4)
                    .maxBatchDelay(Duration.ofMillis(20))
                    .decodeThreads(1)
                    .httpPort(0)
                    .stateDir(dir.resolve("state"))
                    .build();
            try (ClassifierService classifier = ClassifierService.create(
                            config,
                            new DirectoryModelSource(models),
                            new DecodingInputWriter(),
                            ServiceMetrics.newRegistry("classifier"))
                    .start()) {
                Eventually.await(Duration.ofSeconds(180), classifier::isReady, () -> "the classifier to be ready");

                Run run = roundtrip(kafka, "60");

                assertThat(run.code).as(run.err).isZero();
                assertThat(run.out)
                        .matches("(?s)roundtrip ok: roundtrip-\\S+ predicted \\w+ \\(confidence [0-9.]+\\) by model "
                                + "version 1, \\d+ ms after publishing\\s*");
            }
        }
    }

    @Test
    void fails_saying_what_to_check_when_no_classifier_answers() {
        try (EmbeddedKafka kafka = EmbeddedKafka.inTempDir().start()) {
            PipelineTopics.create(kafka, 2);

            Run run = roundtrip(kafka, "3");

            assertThat(run.code).isEqualTo(1);
            assertThat(run.err)
                    .contains("roundtrip failed: roundtrip-")
                    .contains("no prediction on flowers.predictions within 3 s: is a classifier running and ready");
        }
    }

    private static Run roundtrip(EmbeddedKafka kafka, String timeoutSeconds) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = IngestCommand.commandLine(Map.of());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(
                "roundtrip", "--bootstrap-servers", kafka.bootstrapServers(), "--timeout-seconds", timeoutSeconds);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {}
}
