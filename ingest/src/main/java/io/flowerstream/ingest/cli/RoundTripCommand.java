package io.flowerstream.ingest.cli;

import io.flowerstream.ingest.roundtrip.RoundTrip;
import io.flowerstream.platform.kafka.KafkaClientConfig;
import io.flowerstream.platform.kafka.KafkaFlags;
import io.flowerstream.platform.topics.TopicFlags;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowerstream ingest roundtrip}: one photo in, its prediction out; the Helm chart's {@code helm test}. */
@Command(
        name = "roundtrip",
        mixinStandardHelpOptions = true,
        description = {
            "Publish one generated photo (no label: never training data; header source=" + RoundTrip.SOURCE
                    + ") to the images topic and wait for its committed prediction.",
            "Exits 0 with the prediction, 1 when it was dead-lettered or none came in time (the line says what to "
                    + "check)."
        })
public final class RoundTripCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaFlags kafkaFlags;

    @Option(
            names = "--timeout-seconds",
            defaultValue = "${env:ROUNDTRIP_TIMEOUT_SECONDS:-120}",
            description = "longest wait for the prediction (env ROUNDTRIP_TIMEOUT_SECONDS; default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Mixin
    TopicFlags topicFlags;

    public RoundTripCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        KafkaClientConfig kafka = kafkaFlags.config(env);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RoundTrip.Result result;
        try {
            result = new RoundTrip(kafka, topicFlags.images(), topicFlags.predictions(), topicFlags.dlq())
                    .run(Duration.ofSeconds(timeoutSeconds));
        } catch (RuntimeException e) {
            err.println("roundtrip on " + kafka.bootstrapServers() + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        if (result.passed()) {
            out.printf(
                    "roundtrip ok: %s predicted %s (confidence %.2f) by model version %d, %d ms after publishing%n",
                    result.imageId(),
                    result.prediction().label(),
                    result.prediction().confidence(),
                    result.prediction().modelVersion(),
                    result.millis());
            out.flush();
            return 0;
        }
        err.println("roundtrip failed: " + result.imageId() + " " + result.failure());
        err.flush();
        return 1;
    }
}
