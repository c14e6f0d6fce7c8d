package dev.th.bench;

import dev.th.store.DuckDbStore;
import dev.th.store.Renormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The rate of enriching a store in place ({@code th store renormalize}, and {@code th ingest} into
 * an older store): a store (e.g. one of {@link FleetStores}, or {@code th simulate --into}) is
 * turned back into one made by normalizer version 5 (no External, LanShared, AttrEvidence, no
 * sightings; its inputs marked version 5), then {@link Renormalizer} brings it to the current
 * version while the time is taken: by default the way it does for such a store (filled in place
 * in SQL), with {@code --remake} by making every row again (what every older version needs), for a
 * side-by-side figure. Prints events, wall and whole-process CPU seconds, events per second, the
 * time of each step and the whole process's peak resident memory (VmHWM). The store is changed:
 * run it on a copy or a bench store.
 *
 * <p>Usage: {@code EnrichBench STORE_DIR [--remake]}.
 */
public final class EnrichBench {
    private EnrichBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || !Files.exists(Path.of(args[0]).resolve(DuckDbStore.FILE_NAME))
                || (args.length == 2 && !args[1].equals("--remake"))) {
            System.err.println("usage: EnrichBench STORE_DIR [--remake] (a folder holding " + DuckDbStore.FILE_NAME + ")");
            System.exit(2);
        }
        boolean remake = args.length == 2;
        try (DuckDbStore store = DuckDbStore.open(Path.of(args[0]))) {
            long events;
            try (Statement st = store.connection().createStatement()) {
                st.execute("UPDATE events SET External = NULL, LanShared = NULL, AttrEvidence = NULL "
                        + "WHERE External IS NOT NULL OR LanShared IS NOT NULL OR AttrEvidence IS NOT NULL");
                st.execute("DROP TABLE IF EXISTS sightings");
                st.execute("UPDATE inputs SET NormalizerVersion = 5");
                st.execute("CHECKPOINT");
                events = count(st, "SELECT count(*) FROM events");
            }
            long[] seen = new long[1];
            StringBuilder steps = new StringBuilder();
            long cpu0 = cpuNanos();
            long start = System.nanoTime();
            long[] last = {start, cpu0};
            List<Renormalizer.Result> results = new Renormalizer(store).progress((done, total) -> {
                seen[0] = done;
                long now = System.nanoTime();
                long cpu = cpuNanos();
                if (!remake || done == total) {
                    steps.append(String.format("  to %,d events: +%.1f s wall, +%.1f s CPU%n", done, (now - last[0]) / 1e9,
                            (cpu - last[1]) / 1e9));
                    last[0] = now;
                    last[1] = cpu;
                }
            }).run(remake);
            try (Statement st = store.connection().createStatement()) {
                st.execute("CHECKPOINT"); // what closing the store would write, inside the time
            }
            double secs = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpu0) / 1e9;
            System.out.printf("%s %,d events of %d inputs in %.1f s wall, %.1f s CPU (every thread, DuckDB's too): "
                    + "%,.0f events/s wall, %,.0f events per CPU-second; peak RSS %s%n", remake ? "remade" : "filled in place",
                    seen[0], results.size(), secs, cpu, seen[0] / secs, seen[0] / cpu, peakRss());
            System.out.print(steps);
            System.out.printf("  then the process join and checkpoint: %.1f s wall, %.1f s CPU%n", (System.nanoTime() - last[0]) / 1e9,
                    (cpuNanos() - last[1]) / 1e9);
            if (seen[0] != events) {
                System.err.println("EnrichBench: " + seen[0] + " events enriched, the store holds " + events);
                System.exit(1);
            }
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** CPU time of the whole process (user + system, all threads), from the JVM's operating system bean. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The process's peak resident set (VmHWM of /proc/self/status), or "unknown". */
    private static String peakRss() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "unknown";
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).trim();
            }
        }
        return "unknown";
    }
}
