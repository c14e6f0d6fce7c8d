package dev.th.bench;

import java.util.Arrays;

/** Latencies of repeated runs, in nanoseconds, and their percentiles (nearest rank). */
final class Timing {
    private final long[] nanos;
    private int n;

    Timing(int capacity) {
        nanos = new long[capacity];
    }

    void add(long t) {
        nanos[n++] = t;
    }

    /** The p-th percentile (0..100) in milliseconds, nearest rank. */
    double percentileMs(double p) {
        if (n == 0) {
            return Double.NaN;
        }
        long[] s = Arrays.copyOf(nanos, n);
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * n);
        return s[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6;
    }

    int count() {
        return n;
    }
}
