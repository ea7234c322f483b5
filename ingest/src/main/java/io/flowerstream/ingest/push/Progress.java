package io.flowerstream.ingest.push;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Shows how far a push has got: count, rate and ETA. On a terminal it redraws one bar in place;
 * elsewhere (CI logs, pipes) it prints a plain line now and then, because carriage returns make
 * a log unreadable. Thread-safe: workers call {@link #advance()} concurrently.
 */
public final class Progress {

    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final AtomicInteger done = new AtomicInteger();
    private int total;
    private long startedAt;
    private long lastShownAt;

    /** Progress on {@code out}; {@code terminal} chooses the bar, {@code interval} how often anything is shown. */
    public Progress(PrintWriter out, boolean terminal, Duration interval, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = interval.toNanos();
        this.clock = nanoClock;
    }

    /** Bar on a terminal redrawn every 200 ms, lines every 5 s elsewhere. */
    public static Progress forConsole(PrintWriter out) {
        boolean terminal = System.console() != null;
        return new Progress(out, terminal, terminal ? Duration.ofMillis(200) : Duration.ofSeconds(5), System::nanoTime);
    }

    /** Starts counting towards {@code totalFiles}. */
    public synchronized void start(int totalFiles) {
        this.total = totalFiles;
        this.startedAt = clock.getAsLong();
        this.lastShownAt = startedAt;
    }

    /** One more file handled, whatever its outcome. */
    public void advance() {
        done.incrementAndGet();
        long now = clock.getAsLong();
        synchronized (this) {
            if (now - lastShownAt >= intervalNanos) {
                lastShownAt = now;
                show(now);
            }
        }
    }

    /** The final state, and a new line after a bar. */
    public synchronized void finish() {
        show(clock.getAsLong());
        if (terminal) {
            out.println();
        }
        out.flush();
    }

    /** The progress text as of {@code now}, e.g. {@code 120/1,500 images  85.3 images/s  ETA 0:16}. */
    synchronized String render(long now) {
        int count = done.get();
        double seconds = Math.max(1e-9, (now - startedAt) / 1e9);
        double rate = count / seconds;
        String eta = rate > 0 ? clockTime((long) Math.ceil((total - count) / rate)) : "?";
        String text = String.format(Locale.ROOT, "%,d/%,d images  %.1f images/s  ETA %s", count, total, rate, eta);
        if (!terminal) {
            return text;
        }
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * count / total);
        return "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + text;
    }

    private void show(long now) {
        if (terminal) {
            out.print("\r" + render(now));
        } else {
            out.println(render(now));
        }
        out.flush();
    }

    private static String clockTime(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
