package dev.th.cli;

import java.io.PrintWriter;

/**
 * The one-line progress of {@code th hunt} over log files on a terminal (stderr): events hunted,
 * IoAs so far, events per second, redrawn at most ten times a second and erased at the end.
 * Off a terminal it prints nothing (the summary line follows either way).
 */
final class HuntProgress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private final PrintWriter err;
    private final boolean on;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int width;

    HuntProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.on = terminal;
    }

    /** After an event: {@code events} hunted so far, {@code ioas} found so far. */
    void update(long events, long ioas) {
        if (!on) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double secs = Math.max(1e-9, (now - start) / 1e9);
        String line = String.format("hunting: %,d events  %,d IoAs  %,.0f events/s", events, ioas, events / secs);
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    /** Erases the line. */
    void finish() {
        if (on && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
        }
    }
}
