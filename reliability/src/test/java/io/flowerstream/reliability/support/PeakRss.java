package io.flowerstream.reliability.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * This JVM's peak resident memory ({@code VmHWM} of {@code /proc/self/status}), which Linux lets a
 * process reset ({@code 5} into {@code /proc/self/clear_refs}) so that a test measures its own peak.
 */
public final class PeakRss {

    private PeakRss() {}

    /** Starts a new peak from the current resident size; false where the kernel does not allow it. */
    public static boolean reset() {
        try {
            Files.writeString(Paths.get("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Peak resident bytes since start or the last {@link #reset()}; -1 where unknown. */
    public static long bytes() {
        return vmHwm(Paths.get("/proc/self/status"));
    }

    /** {@code VmHWM} of a {@code /proc/PID/status} file in bytes, -1 where absent. */
    public static long vmHwm(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or gone
        }
        return -1;
    }

    /** Bytes as MiB for the table. */
    public static String mib(long bytes) {
        return bytes < 0 ? "unknown" : (bytes / (1024 * 1024)) + " MiB";
    }
}
