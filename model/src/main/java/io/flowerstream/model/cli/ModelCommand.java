package io.flowerstream.model.cli;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import ai.djl.util.Utils;
import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.Architecture;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.net.FlowerNet;
import io.flowerstream.model.net.ModelSummary;
import io.flowerstream.model.predict.FlowerScores;
import io.flowerstream.model.predict.FlowerTranslator;
import io.flowerstream.model.predict.ImageTensor;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowerstream model ...}: look at the network without any server, and manage the published versions. */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description =
                "The flower network and its registry: print the network's summary; list, show, promote and roll back "
                        + "published versions (S3_* and KAFKA_* variables as the services read them).",
        subcommands = {
            ModelCommand.Summary.class,
            RegistryCommands.ListVersions.class,
            RegistryCommands.Show.class,
            RegistryCommands.Promote.class,
            RegistryCommands.Rollback.class
        })
public final class ModelCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** Prints the Keras-style summary, then runs one forward pass on the chosen device. */
    @Command(
            name = "summary",
            mixinStandardHelpOptions = true,
            description = "Print the network's layers, output shapes and parameter counts, then run one forward pass "
                    + "to show the engine works (offline).")
    static final class Summary implements Callable<Integer> {

        @Option(
                names = "--device",
                defaultValue = "${env:DEVICE:-auto}",
                description = "auto, cpu or gpu (env DEVICE; default: ${DEFAULT-VALUE})")
        String device;

        @Option(
                names = "--architecture",
                defaultValue = "${env:TRAIN_ARCHITECTURE:-flowers-cnn-bn}",
                description = "the network: flowers-cnn-bn or flowers-cnn-seed (env TRAIN_ARCHITECTURE; default: "
                        + "${DEFAULT-VALUE})")
        String architecture;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws TranslateException {
            PrintWriter out = spec.commandLine().getOut();
            Architecture network;
            try {
                network = Architecture.of(architecture);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--architecture: " + e.getMessage());
            }
            out.print(ModelSummary.of(network, FlowerNet.inputShape(1)).render());
            Device chosen = DeviceChoice.parse(device).resolve(DjlRuntime.engine());
            try (Model model = FlowerModels.newModel(chosen, network);
                    Predictor<ImageTensor, FlowerScores> predictor = model.newPredictor(new FlowerTranslator())) {
                List<FlowerScores> scores =
                        predictor.batchPredict(List.of(ImageTensor.allocate(), ImageTensor.allocate()));
                out.printf(
                        "forward pass ok on %s (%s %s, offline mode %s): %d images -> %d scores each, untrained%n",
                        chosen,
                        DjlRuntime.ENGINE,
                        DjlRuntime.engine().getVersion(),
                        Utils.isOfflineMode(),
                        scores.size(),
                        scores.get(0).scores().length);
            }
            out.flush();
            return 0;
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with its error handling: a failure (unknown version, no champion, S3 or the
     * broker unreachable) prints its message, which says what to do, and exits 1 without a stack trace.
     */
    static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** The same with {@code env} in place of the process environment for the S3_* and KAFKA_* settings (tests). */
    static CommandLine commandLine(Map<String, String> env) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(new ModelCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = defaults.create(type);
                if (made instanceof RegistryFlags flags) {
                    flags.env = env;
                }
                return made;
            }
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("model " + commandLine.getCommandName() + ": " + describe(e));
            commandLine.getErr().flush();
            return 1;
        });
        return cli;
    }

    private static String describe(Exception e) {
        // The registry's and the announcer's messages name the object or broker and what to check.
        String message = e.getMessage();
        return message == null ? e.toString() : message;
    }
}
