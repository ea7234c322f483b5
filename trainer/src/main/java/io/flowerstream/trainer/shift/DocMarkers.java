package io.flowerstream.trainer.shift;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes generated text into a Markdown document between {@code <!-- NAME:begin -->} and
 * {@code <!-- NAME:end -->}, leaving the rest of the document as it is: figures in the docs come from
 * the command that measured them, never typed.
 */
public final class DocMarkers {

    private DocMarkers() {}

    /** Replaces what lies between the markers named {@code name} in {@code doc} with {@code content}. */
    public static void replace(Path doc, String name, String content) throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(
                    doc + " has no '" + begin + "' ... '" + end + "' markers: add them where the " + "figures belong");
        }
        String body = content.endsWith("\n") ? content : content + "\n";
        Files.writeString(
                doc,
                text.substring(0, from + begin.length()) + "\n" + body + text.substring(to),
                StandardCharsets.UTF_8);
    }

    /** The CPU's model name from {@code /proc/cpuinfo}, or the JVM's architecture where that is unreadable. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim() + " ("
                            + Runtime.getRuntime().availableProcessors() + " cores)";
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: not Linux
        }
        return System.getProperty("os.arch") + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
    }
}
