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
 * The rate of enriching a store in place ({@code th store renormalize}): a store (e.g. one of
 * {@link FleetStores}) is turned back into one made by normalizer version 5 (no attributes, no
 * AttrEvidence, no sightings; its inputs marked version 4), then {@link Renormalizer} brings it to the
 * current version while the time is taken. Prints events, wall seconds, events per second and the
 * whole process's peak resident memory (VmHWM). The store is changed: run it on a copy or a bench store.
 *
 * <p>Usage: {@code EnrichBench STORE_DIR}.
 */
public final class EnrichBench {
    private EnrichBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.exists(Path.of(args[0]).resolve(DuckDbStore.FILE_NAME))) {
            System.err.println("usage: EnrichBench STORE_DIR (a folder holding " + DuckDbStore.FILE_NAME + ")");
            System.exit(2);
        }
        try (DuckDbStore store = DuckDbStore.open(Path.of(args[0]))) {
            long events;
            try (Statement st = store.connection().createStatement()) {
                st.execute("UPDATE events SET External = NULL, LanShared = NULL, AttrEvidence = NULL "
                        + "WHERE External IS NOT NULL OR LanShared IS NOT NULL OR AttrEvidence IS NOT NULL");
                st.execute("DROP TABLE IF EXISTS sightings");
                st.execute("UPDATE inputs SET NormalizerVersion = 5");
                events = count(st, "SELECT count(*) FROM events");
            }
            long[] seen = new long[3];
            long cpu0 = cpuNanos();
            long start = System.nanoTime();
            List<Renormalizer.Result> results = new Renormalizer(store).progress((done, total) -> {
                seen[0] = done;
                seen[1] = System.nanoTime(); // the last page made again: the rest is the store's own steps
                seen[2] = cpuNanos();
            }).run(false);
            double secs = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpu0) / 1e9;
            System.out.printf("enriched %,d events of %d inputs in %.1f s wall, %.1f s CPU (every thread, DuckDB's too): "
                    + "%,.0f events/s wall, %,.0f events per CPU-second; peak RSS %s%n", seen[0], results.size(), secs, cpu,
                    seen[0] / secs, seen[0] / cpu, peakRss());
            System.out.printf("  of which reading and making the rows again: %.1f s wall, %.1f s CPU; replacing them and the "
                    + "cross-event steps (links, process join, sightings): %.1f s wall, %.1f s CPU%n", (seen[1] - start) / 1e9,
                    (seen[2] - cpu0) / 1e9, secs - (seen[1] - start) / 1e9, cpu - (seen[2] - cpu0) / 1e9);
            if (seen[0] != events) {
                System.err.println("EnrichBench: " + seen[0] + " events made again, the store holds " + events);
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
