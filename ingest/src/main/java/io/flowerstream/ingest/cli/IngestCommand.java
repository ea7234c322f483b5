package io.flowerstream.ingest.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code flowerstream ingest ...}: getting images into the pipeline. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Get images into the pipeline: push files, serve the HTTP endpoint, archive labelled images.")
public final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The command line with every subcommand, reading settings from {@code env}. */
    public static CommandLine commandLine(Map<String, String> env) {
        return new CommandLine(new IngestCommand())
                .addSubcommand(new PushCommand(env))
                .addSubcommand(new ServeCommand(env))
                .addSubcommand(new ArchiveCommand(env))
                .addSubcommand(new RoundTripCommand(env))
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }
}
