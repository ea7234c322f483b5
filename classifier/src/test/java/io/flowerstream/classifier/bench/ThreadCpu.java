package io.flowerstream.classifier.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM's threads from {@code /proc/self/task}, grouped by thread name with
 * digits dropped ({@code image-decode-1} and {@code -2} add up), so a benchmark can say where
 * the cores went during a run: the network, decoding, the broker, the JIT compiler. Native
 * threads started by PyTorch inherit the name of the thread that started them, so a forward
 * pass counts under the thread that runs it. Linux only; elsewhere it reports nothing.
 */
final class ThreadCpu {

    /** Clock ticks per second of {@code /proc} times: 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Long> ticksByThread;
    private final long nanos;

    private ThreadCpu(Map<String, Long> ticksByThread, long nanos) {
        this.ticksByThread = ticksByThread;
        this.nanos = nanos;
    }

    /** The CPU time of every live thread now. */
    static ThreadCpu snapshot() {
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: it no longer counts
                }
            }
        } catch (IOException e) {
            // not Linux: nothing to report
        }
        return new ThreadCpu(ticks, System.nanoTime());
    }

    /** The threads alive now that were not in {@code before}: those a component started in between. */
    Set<String> startedSince(ThreadCpu before) {
        return ticksByThread.keySet().stream()
                .filter(t -> !before.ticksByThread.containsKey(t))
                .collect(Collectors.toSet());
    }

    /** Wall-clock seconds between {@code before} and this snapshot. */
    double secondsSince(ThreadCpu before) {
        return (nanos - before.nanos) / 1e9;
    }

    /**
     * CPU seconds used between {@code before} and this snapshot by the threads {@code which}
     * accepts; a thread is named by its id and name ({@code "1234 C2 CompilerThre"}).
     */
    double cpuSecondsSince(ThreadCpu before, Predicate<String> which) {
        return ticksByThread.entrySet().stream()
                        .filter(e -> which.test(e.getKey()))
                        .mapToLong(e -> e.getValue() - before.ticksByThread.getOrDefault(e.getKey(), 0L))
                        .sum()
                / TICKS_PER_SECOND;
    }

    /**
     * What each thread group used between {@code before} and this snapshot, in percent of one
     * core, largest first, groups under {@code minPercent} folded into "other"; and the total.
     */
    String since(ThreadCpu before, double minPercent) {
        double seconds = (nanos - before.nanos) / 1e9;
        Map<String, Double> byGroup = new HashMap<>();
        ticksByThread.forEach((thread, ticks) -> {
            long used = ticks - before.ticksByThread.getOrDefault(thread, 0L);
            String group = thread.substring(thread.indexOf(' ') + 1).replaceAll("[0-9]+", "N");
            byGroup.merge(group, 100 * used / TICKS_PER_SECOND / seconds, Double::sum);
        });
        double total =
                byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> shown = new LinkedHashMap<>();
        double other = 0;
        for (Map.Entry<String, Double> e : byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .toList()) {
            if (e.getValue() >= minPercent) {
                shown.put(e.getKey(), e.getValue());
            } else {
                other += e.getValue();
            }
        }
        shown.put("other", other);
        return String.format(
                        "%.0f%% of one core in all (%d cores): ",
                        total, Runtime.getRuntime().availableProcessors())
                + shown.entrySet().stream()
                        .map(e -> String.format("%s %.0f%%", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", "));
    }
}
