package io.flowerstream.trainer.cli;

import io.flowerstream.platform.ops.HttpFlags;
import io.flowerstream.platform.ops.ServiceMetrics;
import io.flowerstream.trainer.report.ProgressPrinter;
import io.flowerstream.trainer.service.MinimumData;
import io.flowerstream.trainer.service.RetrainPolicy;
import io.flowerstream.trainer.service.TrainerService;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trainer serve}: retrains on a schedule or when enough new photos arrived, with /metrics and /health. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Retrain every --every, or when --min-new-images new labelled photos arrived, whichever comes "
                + "first, once every class has --min-per-class photos; one run at a time; failed runs retried with "
                + "backoff. Serves /metrics and /health on port " + TrainerService.DEFAULT_HTTP_PORT
                + " unless --http-port or HTTP_PORT says otherwise.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    TrainingFlags training;

    @Mixin
    StorageFlags storage;

    @Option(
            names = "--every",
            defaultValue = "${env:RETRAIN_EVERY:-PT30M}",
            description = "longest time between runs, ISO-8601 (env RETRAIN_EVERY; default ${DEFAULT-VALUE})")
    Duration every;

    @Option(
            names = "--min-new-images",
            defaultValue = "${env:RETRAIN_MIN_NEW_IMAGES:-200}",
            description = "new labelled photos that trigger a run early; 0: time only (default ${DEFAULT-VALUE})")
    int minNewImages;

    @Option(
            names = "--min-per-class",
            defaultValue = "${env:TRAIN_MIN_PER_CLASS:-" + MinimumData.DEFAULT_MIN_PER_CLASS + "}",
            description =
                    "labelled photos every class needs before the first run; below it the trainer waits (a log line "
                            + "names the classes short, the gauge flowers.trainer.classes.short counts them); 0: no "
                            + "minimum (env TRAIN_MIN_PER_CLASS; default ${DEFAULT-VALUE})")
    int minPerClass;

    @Option(
            names = "--poll",
            defaultValue = "${env:RETRAIN_POLL:-PT1M}",
            description = "how often to count the photos (default ${DEFAULT-VALUE})")
    Duration poll;

    @Mixin
    HttpFlags http;

    @Override
    public Integer call() throws Exception {
        RetrainPolicy policy =
                new RetrainPolicy(every, minNewImages, poll, Duration.ofSeconds(30), Duration.ofMinutes(30));
        TrainerService.Settings settings = TrainerService.Settings.builder(storage.s3(), storage.kafka(), policy)
                .modelName(storage.registry.modelName())
                .run(training.settings())
                .httpHost(http.host())
                .httpPort(http.port(TrainerService.DEFAULT_HTTP_PORT))
                .minimum(new MinimumData(minPerClass))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        try (TrainerService service =
                TrainerService.start(settings, ServiceMetrics.newRegistry("trainer"), ProgressPrinter.toStdout())) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "trainer-shutdown"));
            stopped.await();
        }
        return 0;
    }
}
