package dev.th.cli;

import dev.th.ingest.Ingest;
import dev.th.ingest.InputReport;
import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A one-line progress display of an ingest on a terminal: a bar of the bytes done out of the
 * bytes expected ({@link InputBytes}), megabytes per second and the time left at that rate,
 * inputs and events, redrawn at most ten times a second, erased at the end. Bytes count as done
 * once read and stored (within an input as its chunks are stored).
 */
final class ProgressBar implements Ingest.Listener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 110;
    private static final int BAR = 20;

    private final PrintStream err;
    private final LongSupplier clock;
    private final long start;
    private long total;
    private long lastDraw = Long.MIN_VALUE;
    private int inputs;
    private long bytesDone;
    private long currentBytes;
    private long events;
    private String current = "";
    private boolean drawn;

    /** A bar over {@code totalBytes} (0 when not known: no bar, no time left). */
    ProgressBar(PrintStream err, long totalBytes) {
        this(err, totalBytes, System::nanoTime);
    }

    ProgressBar(PrintStream err, long totalBytes, LongSupplier clock) {
        this.err = err;
        this.total = totalBytes;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    @Override
    public void inputStarted(String path, long size) {
        current = path;
        currentBytes = 0;
        draw(false);
    }

    @Override
    public void stored(long count) {
        events += count;
        draw(false);
    }

    @Override
    public void progress(long bytes) {
        currentBytes = bytes;
        draw(false);
    }

    @Override
    public void inputDone(InputReport report) {
        inputs++;
        bytesDone += report.size();
        currentBytes = 0;
        draw(false);
    }

    /** The line as it is drawn now. */
    String line() {
        long now = clock.getAsLong();
        double secs = Math.max(1e-9, (now - start) / 1e9);
        long done = bytesDone + currentBytes;
        if (total > 0 && done > total) {
            total = done; // an input grew, or a nested zip held more than its size said
        }
        double rate = done / 1e6 / secs;
        StringBuilder sb = new StringBuilder();
        if (total > 0) {
            int filled = (int) (BAR * done / total);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(BAR - filled)).append("] ");
            sb.append(String.format("%3d%%  %.1f of %.1f MB  %.1f MB/s  %s left", 100 * done / total, done / 1e6,
                    total / 1e6, rate, timeLeft(total - done, rate)));
        } else {
            sb.append(String.format("%.1f MB  %.1f MB/s", done / 1e6, rate));
        }
        sb.append(String.format("  %d input%s  %,d events  ", inputs, inputs == 1 ? "" : "s", events));
        int room = Math.max(10, WIDTH - sb.length());
        sb.append(current.length() <= room ? current : "..." + current.substring(current.length() - room + 3));
        return sb.toString();
    }

    private static String timeLeft(long bytes, double mbPerSecond) {
        if (mbPerSecond <= 0) {
            return "?";
        }
        long s = Math.round(bytes / 1e6 / mbPerSecond);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    private void draw(boolean force) {
        long now = clock.getAsLong();
        if (!force && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String line = line();
        err.print("\r" + line + " ".repeat(Math.max(0, WIDTH - line.length())));
        err.flush();
        drawn = true;
    }

    /** Erases the line. */
    void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH) + "\r");
            err.flush();
        }
    }
}
