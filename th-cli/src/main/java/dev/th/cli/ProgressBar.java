package dev.th.cli;

import dev.th.ingest.Ingest;
import dev.th.ingest.InputReport;
import java.io.PrintStream;

/**
 * A one-line progress display of an ingest on a terminal: inputs done, megabytes, events and
 * rate, redrawn at most ten times a second, erased at the end.
 */
final class ProgressBar implements Ingest.Listener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 100;

    private final PrintStream err;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int inputs;
    private long bytesDone;
    private long events;
    private String current = "";
    private boolean drawn;

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    @Override
    public void inputStarted(String path, long size) {
        current = path;
        draw(false);
    }

    @Override
    public void stored(long count) {
        events += count;
        draw(false);
    }

    @Override
    public void inputDone(InputReport report) {
        inputs++;
        bytesDone += report.size();
        draw(false);
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double secs = Math.max(1e-9, (now - start) / 1e9);
        String spin = "|/-\\".substring((int) (secs * 4) % 4, (int) (secs * 4) % 4 + 1);
        String head = String.format("%s %d inputs  %.1f MB  %,d events  %,.0f events/s  ", spin, inputs,
                bytesDone / 1e6, events, events / secs);
        int room = Math.max(10, WIDTH - head.length());
        String name = current.length() <= room ? current : "..." + current.substring(current.length() - room + 3);
        String line = head + name;
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
