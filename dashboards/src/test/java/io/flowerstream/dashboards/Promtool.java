package io.flowerstream.dashboards;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Debian's {@code promtool} and {@code prometheus}, found on the PATH; tests skip with a message without them. */
final class Promtool {

    private Promtool() {
    }

    /** An executable of that name on the PATH. */
    static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The executable, or the calling test is skipped with a message saying how to get it. */
    static Path findOrSkip(String name) {
        Optional<Path> found = find(name);
        Assumptions.assumeTrue(found.isPresent(), () -> name + " is not on the PATH: skipped. Install Debian's "
                + "prometheus package (apt-get install -y --no-install-recommends prometheus; .ci/run does) to run it");
        return found.get();
    }

    /** Exit status and combined output of one command. */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code promtool args...} in {@code dir}, waiting at most a minute. */
    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(findOrSkip("promtool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
