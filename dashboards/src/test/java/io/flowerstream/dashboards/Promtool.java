package io.flowerstream.dashboards;

import io.flowerstream.testsupport.junit.DebianTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code promtool} and {@code prometheus} (package {@code prometheus}), found on the PATH; each test
 * that needs one skips with a message without it.
 */
final class Promtool {

    private Promtool() {}

    /** The executable, or the calling test is skipped with a message saying how to get it. */
    static Path findOrSkip(String name) {
        return DebianTools.findOrSkip(name, "prometheus");
    }

    /** Exit status and combined output of one command. */
    record Result(int exitCode, String output) {}

    /** Runs {@code promtool args...} in {@code dir}, waiting at most a minute. */
    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(findOrSkip("promtool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
