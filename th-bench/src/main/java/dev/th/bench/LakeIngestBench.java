package dev.th.bench;

import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.lake.LakeIngest;
import dev.th.store.DuckDbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code th lake ingest} as a Spark job, timed in this JVM (Spark's master from
 * {@code -Dth.spark.master}: run it once with {@code local[1]} and once with {@code local[2]},
 * back to back, for the speed-up; {@code th-bench/lake-speedup.sh} does both twice). Spark is
 * started and warmed by an ingest of one input into a scratch lake first (not counted); then the
 * inputs are ingested, without hunting, into a fresh lake: wall seconds, the process's CPU seconds
 * (local executors are threads of this JVM), events per second and CPU-seconds per million events.
 * The wall time of each phase of the ingest is printed too (LakeIngest.Result.millis: which part
 * is the driver's, serial). With {@code --embedded true} the embedded ingest (one thread,
 * {@code Ingest.sequential}) of the same inputs into a DuckDB store follows, for the per-core
 * comparison; {@code --store DIR} keeps that store (for LakeBench's questions on the same data).
 *
 * <p>Usage: {@code LakeIngestBench --inputs DIR [--warm FILE] [--chunks 16] [--embedded false] [--store DIR]}
 */
public final class LakeIngestBench {
    private LakeIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Path inputs = null;
        Path warm = null;
        int chunks = 16;
        boolean embedded = false;
        Path keep = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--inputs" -> inputs = Path.of(args[i + 1]);
                case "--warm" -> warm = Path.of(args[i + 1]);
                case "--chunks" -> chunks = Integer.parseInt(args[i + 1]);
                case "--embedded" -> embedded = Boolean.parseBoolean(args[i + 1]);
                case "--store" -> {
                    keep = Path.of(args[i + 1]);
                    embedded = true;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (inputs == null) {
            throw new IllegalArgumentException("usage: LakeIngestBench --inputs DIR [--warm FILE] [--chunks 16] [--embedded false] [--store DIR]");
        }
        String master = System.getProperty("th.spark.master", "local[2]");
        LakeIngest.Options options = LakeIngest.Options.of("bench").chunksPerTask(chunks);
        Path scratch = Files.createTempDirectory("th-lake-bench");
        try {
            if (warm != null) {
                long w = System.nanoTime();
                LakeIngest.run(scratch.resolve("warm"), List.of(warm), options);
                System.out.printf(Locale.ROOT, "warm-up (Spark's start and one input): %.1f s%n", LakeBench.secs(w));
            }
            double load = LakeBench.load();
            long cpu0 = LakeBench.cpu();
            long t0 = System.nanoTime();
            LakeIngest.Result r = LakeIngest.run(scratch.resolve("lake"), List.of(inputs), options);
            double wall = LakeBench.secs(t0);
            double cpu = (LakeBench.cpu() - cpu0) / 1e9;
            long events = r.report().stored();
            System.out.printf(Locale.ROOT, "lake ingest %s: %d inputs, %d tasks, %d events in %.1f s wall, %.1f CPU-s: %.0f events/s, "
                    + "%.0f CPU-s per million events; load average %.2f before, %.2f after%n", master, r.report().files().size(), r.units(),
                    events, wall, cpu, events / wall, cpu / events * 1e6, load, LakeBench.load());
            System.out.println("  phases (wall ms): " + r.millis());
            if (embedded) {
                cpu0 = LakeBench.cpu();
                t0 = System.nanoTime();
                IngestReport e;
                try (DuckDbStore store = DuckDbStore.open(keep != null ? keep : scratch.resolve("store")); Ingest ingest = Ingest.sequential(store, "bench")) {
                    e = ingest.run(List.of(inputs), new Sources(), Readers.defaults());
                }
                wall = LakeBench.secs(t0);
                cpu = (LakeBench.cpu() - cpu0) / 1e9;
                System.out.printf(Locale.ROOT, "embedded ingest (one thread): %d events in %.1f s wall, %.1f CPU-s: %.0f events/s, "
                        + "%.0f CPU-s per million events%n", e.stored(), wall, cpu, e.stored() / wall, cpu / e.stored() * 1e6);
            }
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
