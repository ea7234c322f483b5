package io.flowerstream.trainer.cli;

import io.flowerstream.model.engine.DjlRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flowerstream trainer ...}: the trainer's entry point; each subcommand only parses and delegates. */
@Command(
        name = "trainer",
        mixinStandardHelpOptions = true,
        description = "Retrain the flower network from the labelled images in S3, gate and publish versions.",
        subcommands = {
            ServeCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            BenchSpeedCommand.class,
            ShiftSetCommand.class,
            ShiftEvalCommand.class
        })
public final class TrainerCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    public static void main(String[] args) {
        DjlRuntime.configureOffline();
        System.exit(new CommandLine(new TrainerCommand()).execute(args));
    }
}
