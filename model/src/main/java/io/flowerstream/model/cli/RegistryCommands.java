package io.flowerstream.model.cli;

import io.flowerstream.contracts.events.ModelAnnouncement;
import io.flowerstream.contracts.topics.Topics;
import io.flowerstream.model.registry.AliasMove;
import io.flowerstream.model.registry.ModelMetadata;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.kafka.KafkaFlags;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code model list | show N | promote N | rollback}: the operator's view of the model registry on
 * S3. Promote and rollback move the {@code champion} alias and announce the move on
 * {@code flowers.models}, so the classifiers serving the champion switch at once.
 */
final class RegistryCommands {

    private RegistryCommands() {}

    /** {@code model list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "List the published versions: validation accuracy, when created, when last made champion, and the "
                            + "alias.")
    static final class ListVersions implements Callable<Integer> {

        @Mixin
        RegistryFlags registry;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ModelRegistry models = registry.registry();
            PrintWriter out = spec.commandLine().getOut();
            List<Integer> versions = models.listVersions();
            Optional<Integer> champion = models.resolveAlias(ModelRegistry.CHAMPION);
            List<AliasMove> history = models.aliasHistory(ModelRegistry.CHAMPION);
            out.printf(
                    "model '%s' in s3://%s at %s:%n",
                    models.modelName(), models.bucket(), registry.s3().endpoint());
            if (versions.isEmpty()) {
                out.println("no published versions yet: the trainer publishes the first once every class has "
                        + "TRAIN_MIN_PER_CLASS photos");
                out.flush();
                return 0;
            }
            out.printf("%-8s  %-20s  %-12s  %-20s  %s%n", "version", "created", "val.accuracy", "promoted", "alias");
            for (int version : versions) {
                Optional<ModelMetadata> metadata = models.metadata(version);
                out.printf(
                        "%-8d  %-20s  %-12s  %-20s  %s%n",
                        version,
                        metadata.map(m -> time(m.createdAt())).orElse("?"),
                        metadata.map(RegistryCommands::accuracy).orElse("?"),
                        lastPromoted(history, version),
                        champion.filter(c -> c == version).isPresent() ? ModelRegistry.CHAMPION : "");
            }
            if (champion.isEmpty()) {
                out.println("no champion: classifiers that follow it wait; set one with: model promote N");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code model show N}. */
    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Show one version's metadata: training, validation, promotion, aliases.")
    static final class Show implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "N", description = "the version number")
        int version;

        @Mixin
        RegistryFlags registry;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ModelRegistry models = registry.registry();
            ModelMetadata m = models.metadata(version).orElseThrow(() -> unknownVersion(models, version));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("model '%s' version %d%n", models.modelName(), m.version());
            out.printf("  created          %s%n", time(m.createdAt()));
            out.printf(
                    "  parent version   %s%n",
                    m.parentVersion() == null ? "none (trained from scratch)" : m.parentVersion());
            out.printf("  architecture     %s, input %s, classes %s%n", m.architecture(), m.inputShape(), m.classes());
            out.printf(
                    "  trained on       %s in %.0f s, %d epochs, %s photos%n",
                    m.device(),
                    m.trainingTimeSeconds(),
                    m.history().size(),
                    m.datasetManifest() == null ? "?" : m.datasetManifest().size());
            if (m.validation() != null) {
                out.printf(
                        "  validation       accuracy %s, loss %.4f%n",
                        accuracy(m), m.validation().loss());
                for (Map.Entry<String, ModelMetadata.ClassMetrics> c :
                        m.validation().perClass().entrySet()) {
                    out.printf(
                            "    %-10s     precision %.3f, recall " + "%.3f%n",
                            c.getKey(), c.getValue().precision(), c.getValue().recall());
                }
            }
            out.printf("  promotion gate   %s: %s%n", m.promoted() ? "promoted" : "not promoted", m.promotionReason());
            List<AliasMove> history = models.aliasHistory(ModelRegistry.CHAMPION);
            boolean champion = models.resolveAlias(ModelRegistry.CHAMPION)
                    .filter(c -> c == version)
                    .isPresent();
            out.printf(
                    "  champion         %s (last made champion: %s)%n",
                    champion ? "yes" : "no", lastPromoted(history, version));
            out.printf("  params sha-256   %s%n", m.paramsSha256());
            out.flush();
            return 0;
        }
    }

    /** {@code model promote N}. */
    @Command(
            name = "promote",
            mixinStandardHelpOptions = true,
            description =
                    "Make version N the champion (whatever the promotion gate said) and announce it on flowers.models; "
                            + "classifiers serving the champion switch to it. Undo with: model rollback")
    static final class Promote implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "N", description = "the version number")
        int version;

        @Mixin
        RegistryFlags registry;

        @Mixin
        Announcing announcing;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ModelRegistry models = registry.registry();
            ModelMetadata m = models.metadata(version).orElseThrow(() -> unknownVersion(models, version));
            Optional<Integer> before = models.resolveAlias(ModelRegistry.CHAMPION);
            models.setAlias(ModelRegistry.CHAMPION, version);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(
                    "champion of '%s': version %s -> %d%n",
                    models.modelName(), before.map(String::valueOf).orElse("none"), version);
            announcing.announce(registry, m, out);
            return 0;
        }
    }

    /** {@code model rollback}. */
    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description =
                    "Point champion back at the version it pointed to before the current one (from the alias history "
                            + "in models/<name>/alias-history/champion) and announce it on flowers.models. Run again "
                            + "to go further back.")
    static final class Rollback implements Callable<Integer> {

        @Mixin
        RegistryFlags registry;

        @Mixin
        Announcing announcing;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ModelRegistry models = registry.registry();
            Optional<Integer> before = models.resolveAlias(ModelRegistry.CHAMPION);
            int now = models.rollbackAlias(ModelRegistry.CHAMPION);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(
                    "champion of '%s' rolled back: version %s -> %d%n",
                    models.modelName(), before.map(String::valueOf).orElse("none"), now);
            announcing.announce(registry, models.metadata(now).orElseThrow(() -> unknownVersion(models, now)), out);
            return 0;
        }
    }

    /** The broker flags of promote and rollback. */
    static final class Announcing {

        /** The broker of the flowers.models announcement. */
        @Mixin
        KafkaFlags kafkaFlags;

        @Option(
                names = "--no-announce",
                description =
                        "only move the alias; classifiers notice at their next registry poll (MODEL_POLL_SECONDS)")
        boolean noAnnounce;

        @Option(
                names = "--announce-timeout",
                defaultValue = "PT15S",
                description = "how long to wait for the broker (default ${DEFAULT-VALUE})")
        Duration timeout;

        @Option(
                names = "--topic-models",
                defaultValue = "${env:TOPIC_MODELS:-" + Topics.MODELS + "}",
                description = "the topic classifiers follow (env TOPIC_MODELS; default: ${DEFAULT-VALUE})")
        String topic;

        void announce(RegistryFlags registry, ModelMetadata m, PrintWriter out) {
            if (noAnnounce) {
                out.println("not announced (--no-announce): classifiers switch at their next registry poll");
                out.flush();
                return;
            }
            ModelAnnouncement announcement = new ModelAnnouncement(
                    m.modelName() == null ? registry.modelName() : m.modelName(),
                    m.version(),
                    List.of(ModelRegistry.CHAMPION),
                    m.paramsSha256(),
                    m.validation() == null ? Double.NaN : m.validation().accuracy(),
                    Instant.now().toString());
            ModelAnnouncer.announce(registry.kafka(kafkaFlags), topic, announcement, timeout);
            out.printf("announced on %s%n", topic);
            out.flush();
        }
    }

    private static IllegalArgumentException unknownVersion(ModelRegistry models, int version) {
        List<Integer> versions = models.listVersions();
        return new IllegalArgumentException("model '" + models.modelName() + "' has no published version " + version
                + " in bucket '" + models.bucket() + "'; published: " + (versions.isEmpty() ? "none" : versions)
                + " (see: model list)");
    }

    /**
     * When the version was last made champion, from the alias history; "-" if never (or before histories were kept).
     */
    private static String lastPromoted(List<AliasMove> history, int version) {
        List<AliasMove> moves = new ArrayList<>(history);
        for (int i = moves.size() - 1; i >= 0; i--) {
            if (moves.get(i).version() == version) {
                return moves.get(i).at() == null
                        ? "before history"
                        : time(moves.get(i).at());
            }
        }
        return "-";
    }

    private static String accuracy(ModelMetadata m) {
        return m.validation() == null
                ? "?"
                : String.format(Locale.ROOT, "%.4f", m.validation().accuracy());
    }

    private static String time(Instant instant) {
        return instant == null ? "?" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
