package dev.th.bench;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.model.Column;
import dev.th.normalize.Normalizer;
import dev.th.store.DuckDbStore;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Full-ingest throughput (parse + normalize + store into DuckDB) on real EVTX files, side by side
 * with libyal's {@code evtxexport -f xml} on the same files, in one run.
 *
 * <p>The real EVTX files of {@code shared/data} are copied {@code --copies} times into a work
 * folder; each copy gets its number written into the unused padding of the file header (bytes
 * 0x200.., outside the header checksum), so every copy has its own content hash and is stored
 * anew. Usage: {@code IngestBench [--data DIR] [--copies N] [--work DIR] [--only NAME_PART]
 * [--rounds N] [--no-evtxexport]} ({@code --only} keeps the files whose name contains NAME_PART;
 * each variant runs N times, interleaved, and the median is shown: the machine may be shared).
 */
public final class IngestBench {
    private static final int PADDING_OFFSET = 0x200;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        CopiesArgs a = CopiesArgs.parse(args, 12, Map.of());
        Path work = a.work;
        if (work == null) {
            work = Files.createTempDirectory("th-ingest-bench");
        }
        try {
            measure(a.data, a.copies, work, a.evtxexport, a.only, a.rounds);
        } finally {
            deleteTree(work);
        }
    }

    private static void measure(Path data, int copies, Path work, boolean evtxexport, String only, int rounds)
            throws Exception {
        String filter = only;
        List<Path> originals = evtxUnder(data).stream()
                .filter(p -> filter == null || p.getFileName().toString().contains(filter)).toList();
        if (originals.isEmpty()) {
            throw new IllegalStateException("no .evtx file under " + data.toAbsolutePath());
        }
        Path input = work.resolve("input");
        List<Path> files = makeCopies(originals, input, copies);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        System.out.printf("input: %d real EVTX files x %d copies = %d files, %.1f MB, JVM max heap %d MB, %d cores%n",
                originals.size(), copies, files.size(), bytes / 1e6, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());

        // warm-up (JIT) on one copy, not measured
        ingest(work.resolve("warmup"), List.of(input.resolve("copy-0")), true);
        parseOnly(files.subList(0, originals.size()));

        List<String> names = List.of("parse only (EvtxReader, 1 thread)", "parse + normalize, no store (1 thread)", "full ingest, 1 thread (Ingest.sequential)",
                "full ingest, 2 threads (Ingest.into)", "evtxexport -f xml > /dev/null, one process per file",
                "full ingest, 1 thread, without kinds and attributes (Ingest.withoutKinds(), DuckDbStore.withoutAttributes())");
        List<List<double[]>> runs = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            runs.add(new ArrayList<>());
        }
        long events = 0;
        String storeSize = "";
        for (int round = 0; round < rounds; round++) {
            double[] c = clock();
            events = parseOnly(files);
            runs.get(0).add(since(c));

            c = clock();
            parseAndNormalize(files);
            runs.get(1).add(since(c));

            c = clock();
            IngestReport seq = ingest(work.resolve("store-seq-" + round), List.of(input), false);
            runs.get(2).add(since(c));
            check(seq, events);

            c = clock();
            IngestReport par = ingest(work.resolve("store-par-" + round), List.of(input), true);
            runs.get(3).add(since(c));
            check(par, events);
            Path db = work.resolve("store-par-" + round).resolve(DuckDbStore.FILE_NAME);
            storeSize = String.format("%.1f MB", Files.size(db) / 1e6);
            deleteTree(work.resolve("store-seq-" + round));
            deleteTree(work.resolve("store-par-" + round));

            if (evtxexport) {
                runs.get(4).add(evtxexport(files));
            }

            c = clock();
            IngestReport bare = ingest(work.resolve("store-bare-" + round), List.of(input), false, false);
            runs.get(5).add(since(c));
            check(bare, events);
            deleteTree(work.resolve("store-bare-" + round));
        }
        System.out.printf("median of %d rounds; CPU = process CPU time (all threads; for evtxexport, its processes)%n", rounds);
        System.out.println("| run | wall | MB/s (wall) | events/s (wall) | CPU | MB/s per CPU second |");
        System.out.println("|---|---|---|---|---|---|");
        double[] par = median(runs.get(3));
        for (int k = 0; k < names.size(); k++) {
            if (runs.get(k).isEmpty()) {
                continue;
            }
            double[] m = median(runs.get(k));
            System.out.printf("| %s | %.2f s | %.1f | %,.0f | %.2f s | %.1f |%n", names.get(k), m[0], bytes / 1e6 / m[0],
                    events / m[0], m[1], bytes / 1e6 / m[1]);
        }
        double[] withKinds = median(runs.get(2));
        double[] bare = median(runs.get(5));
        System.out.printf("kinds and attributes (Kind, ParentKind, External, LanShared, sightings) cost, 1 thread: %+.1f%% wall, %+.1f%% CPU over ingest without them%n",
                100 * (withKinds[0] / bare[0] - 1), 100 * (withKinds[1] / bare[1] - 1));
        if (evtxexport) {
            double[] ex = median(runs.get(4));
            System.out.printf("full ingest (2 threads) vs evtxexport: %.1fx by wall time, %.1fx by CPU time%n",
                    ex[0] / par[0], ex[1] / par[1]);
        }
        System.out.printf("heap: sum of the heap pools' peaks %d MB (an upper bound; max heap %d MB); store file %s; load average at the end %.1f%n",
                peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20, storeSize,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Wall and process CPU time now, in seconds. */
    static double[] clock() {
        return new double[] {System.nanoTime() / 1e9, cpuSeconds()};
    }

    static double[] since(double[] start) {
        return new double[] {System.nanoTime() / 1e9 - start[0], cpuSeconds() - start[1]};
    }

    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    static double[] median(List<double[]> xs) {
        List<double[]> sorted = new ArrayList<>(xs);
        sorted.sort(Comparator.comparingDouble(x -> x[0]));
        return sorted.get(sorted.size() / 2);
    }

    private static void check(IngestReport r, long expected) {
        if (r.stored() + r.duplicates() != expected || r.rejected() != 0) {
            throw new IllegalStateException("ingest stored " + r.stored() + " of " + expected + " events, rejected "
                    + r.rejected());
        }
    }

    private static IngestReport ingest(Path dataDir, List<Path> paths, boolean parallel) {
        return ingest(dataDir, paths, parallel, true);
    }

    private static IngestReport ingest(Path dataDir, List<Path> paths, boolean parallel, boolean kinds) {
        try (DuckDbStore store = DuckDbStore.open(dataDir);
                Ingest ingest = parallel ? Ingest.into(store, "bench") : Ingest.sequential(store, "bench")) {
            if (!kinds) {
                ingest.withoutKinds();
                store.withoutAttributes();
            }
            return ingest.run(paths, new Sources(), Readers.defaults());
        }
    }

    /** Parses every file, keeping nothing; returns the events read (a rejected record is an error here). */
    static long parseOnly(List<Path> files) throws IOException {
        return readEvtx(files, e -> { });
    }

    /** Parses and normalizes every file, keeping nothing: the pipeline's cost without the store. */
    private static long parseAndNormalize(List<Path> files) throws IOException {
        Normalizer normalizer = new Normalizer();
        long[] kept = new long[1];
        readEvtx(files, e -> {
            if (normalizer.normalize(e, "bench").get(Column.Fields) != null) {
                kept[0]++;
            }
        });
        return kept[0];
    }

    /** Reads every EVTX file with TH's reader, handing each event to {@code each}; returns the events read. */
    static long readEvtx(List<Path> files, Consumer<RawEvent> each) throws IOException {
        EvtxReader reader = new EvtxReader();
        long[] n = new long[1];
        EventSink sink = new EventSink() {
            @Override
            public void accept(RawEvent event) {
                n[0]++;
                each.accept(event);
            }

            @Override
            public void reject(long offset, long records, String reason) {
                throw new IllegalStateException("rejected at " + offset + ": " + reason);
            }
        };
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                reader.read(in, f.toString(), "-", sink);
            }
        }
        return n[0];
    }

    /** Runs evtxexport on every file from one shell; wall and the children's CPU seconds. */
    static double[] evtxexport(List<Path> files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                "fail=0; for f in \"$@\"; do evtxexport -f xml \"$f\" > /dev/null 2>&1 || fail=$((fail+1)); done; "
                        + "echo failed=$fail; times", "evtxexport-bench"));
        files.forEach(f -> cmd.add(f.toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !out.contains("failed=0")) {
            throw new IllegalStateException("evtxexport failed: " + out);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        // `times` prints the shell's user/sys, then its children's: "0m1.234s 0m0.567s"
        String[] lines = out.strip().split("\n");
        String[] children = lines[lines.length - 1].trim().split("\\s+");
        return new double[] {wall, shellSeconds(children[0]) + shellSeconds(children[1])};
    }

    private static double shellSeconds(String t) {
        int m = t.indexOf('m');
        return Integer.parseInt(t.substring(0, m)) * 60 + Double.parseDouble(t.substring(m + 1, t.length() - 1));
    }

    static List<Path> evtxUnder(Path data) throws IOException {
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".evtx") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** Copies with distinct content: the copy number in the header's unused padding. */
    static List<Path> makeCopies(List<Path> originals, Path input, int copies) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < copies; k++) {
            Path dir = Files.createDirectories(input.resolve("copy-" + k));
            for (int i = 0; i < originals.size(); i++) {
                byte[] b = Files.readAllBytes(originals.get(i));
                ByteBuffer.wrap(b, PADDING_OFFSET, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(k + 1L);
                out.add(Files.write(dir.resolve(String.format("%04d.evtx", i)), b));
            }
        }
        return out;
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
