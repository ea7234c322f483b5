package io.flowerstream.classifier.it;

import io.flowerstream.classifier.cli.ClassifierCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The classifier in a child JVM on this JVM's class path, so that a test can kill it the hard
 * way ({@code kill -9}) and start it again. Its output goes to a log file the test can show.
 */
public final class ClassifierProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ClassifierProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code flowerstream classifier ARGS} with {@code env} added to this JVM's environment. */
    public static ClassifierProcess start(Path log, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-Dai.djl.offline=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClassifierCommand.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().putAll(env);
        try {
            return new ClassifierProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the classifier JVM: " + command, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no commit, no close. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The log so far, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * The child's peak resident memory so far in bytes ({@code VmHWM} of {@code /proc/PID/status}),
     * or -1 where there is no such file (not Linux, or the process is gone).
     */
    public long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone or not Linux: no figure
        }
        return -1;
    }

    /** SIGTERM, waiting for the shutdown hook; SIGKILL if it hangs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
