package io.flowerstream.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TrainerCommandTest {

    private static int run(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new TrainerCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        return cli.execute(args);
    }

    @Test
    void every_subcommand_prints_its_help() {
        for (String command : new String[] {"serve", "train", "evaluate", "bench-speed", "shift-set", "shift-eval"}) {
            StringWriter out = new StringWriter();
            assertThat(run(out, command, "--help")).as(command).isZero();
            assertThat(out.toString()).contains("Usage: trainer " + command);
        }
    }

    @Test
    void evaluate_takes_a_model_version_with_version_and_refuses_to_run_without_weights() {
        StringWriter out = new StringWriter();
        assertThat(run(out, "evaluate", "--images", "photos")).isEqualTo(2);
        assertThat(out.toString()).contains("--version=<version>").contains("--params=<params>");
    }
}
