package dev.th.bench;

import dev.th.hunt.Matcher;
import dev.th.hunt.RuleSet;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.model.Column;
import dev.th.normalize.Normalizer;
import dev.th.store.DuckDbStore;
import dev.th.store.IngestHunting;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * EVTX end to end with hunting: parse + normalize + store + every SigmaHQ Windows rule at once,
 * side by side in one run with the same ingest without hunting and with libyal's
 * {@code evtxexport -f xml}, in MB/s and events/s per wall and per CPU second, with each Java
 * thread's CPU time and the peak heap.
 *
 * <p>Hunting is wired by {@link IngestHunting}, as {@code th ingest --rules} wires it: a hunter on
 * the pipeline's {@link Ingest.Tap}, each input's IoAs kept once it is stored, written to the
 * store's {@code ioas} table every 200,000 rows and at the end. The rules are
 * loaded once, outside the timings (their load time is printed); each run compiles its matcher.
 * Usage: {@code HuntBench [--data DIR] [--copies N] [--only NAME_PART] [--rounds N] [--rules PATH]...
 * [--variants NORMALIZE_MATCH,INGEST,INGEST_HUNT] [--work DIR] [--no-evtxexport]}; inputs are made as {@link IngestBench} makes them.
 */
public final class HuntBench {
    private final List<Variant> variants;

    private HuntBench(List<Variant> variants) {
        this.variants = variants;
    }

    public static void main(String[] args) throws Exception {
        List<Path> rules = new ArrayList<>();
        List<List<Variant>> variants = new ArrayList<>(List.of(List.of(Variant.values())));
        CopiesArgs a = CopiesArgs.parse(args, 8, Map.of(
                "--rules", v -> rules.add(Path.of(v)),
                "--variants", v -> variants.set(0, java.util.Arrays.stream(v.split(",")).map(Variant::valueOf).toList())));
        Path data = a.data;
        Path work = a.work;
        if (rules.isEmpty()) {
            rules.addAll(List.of(data.resolve("sigma/rules/windows"), data.resolve("sigma/rules-threat-hunting/windows")));
        }
        if (work == null) {
            work = Files.createTempDirectory("th-hunt-bench");
        }
        try {
            new HuntBench(variants.get(0)).measure(data, a.copies, work, a.evtxexport, a.only, a.rounds, rules);
        } finally {
            IngestBench.deleteTree(work);
        }
    }

    /** One variant's figures, per round. */
    private record Run(double wall, double cpu, Map<String, Double> threadCpu, long peakHeap, long ioas, long gcCount,
            double gcSeconds) {
    }

    private enum Variant {
        NORMALIZE_MATCH("parse + normalize + match, no store (1 thread)"),
        INGEST("full ingest, no hunting (Ingest.into, 2 threads)"),
        INGEST_HUNT("full ingest + hunting (th ingest --rules)");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    private void measure(Path data, int copies, Path work, boolean evtxexport, String only, int rounds,
            List<Path> ruleDirs) throws Exception {
        long t0 = System.nanoTime();
        RuleSet rules = RuleSet.load(ruleDirs);
        double loadS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        rules.compile();
        double compileS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("rules: %d loaded, %d not loaded from %s; load %.2f s, compile %.2f s (outside the timings)%n",
                rules.loaded().size(), rules.problems().size(), ruleDirs, loadS, compileS);

        List<Path> originals = IngestBench.evtxUnder(data).stream()
                .filter(p -> only == null || p.getFileName().toString().contains(only)).toList();
        if (originals.isEmpty()) {
            throw new IllegalStateException("no .evtx file under " + data.toAbsolutePath());
        }
        Path input = work.resolve("input");
        List<Path> files = IngestBench.makeCopies(originals, input, copies);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        System.out.printf("input: %d real EVTX files x %d copies = %d files, %.1f MB; JVM max heap %d MB, %d cores, load average %.1f%n",
                originals.size(), copies, files.size(), bytes / 1e6, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        // warm-up (JIT) on up to 3 copies, not measured
        List<Path> warm = new ArrayList<>();
        for (int k = 0; k < Math.min(3, copies); k++) {
            warm.add(input.resolve("copy-" + k));
        }
        for (Variant v : variants) {
            run(v, rules, work.resolve("warmup-" + v), warm);
        }

        Map<Variant, List<Run>> runs = new LinkedHashMap<>();
        List<double[]> exports = new ArrayList<>();
        long events = IngestBench.parseOnly(files);
        for (int round = 0; round < rounds; round++) {
            for (Variant v : variants) {
                Path dir = work.resolve("store-" + v + "-" + round);
                Run r = run(v, rules, dir, List.of(input));
                runs.computeIfAbsent(v, k -> new ArrayList<>()).add(r);
                System.out.printf("round %d, %s: %.2f s wall, %.2f s CPU, threads %s, GC %d collections %.2f s%n", round + 1,
                        v.label, r.wall(), r.cpu(), r.threadCpu(), r.gcCount(), r.gcSeconds());
                if (Files.exists(dir)) {
                    IngestBench.deleteTree(dir);
                }
            }
            if (evtxexport) {
                exports.add(IngestBench.evtxexport(files));
            }
        }
        report(runs, exports, rounds, bytes, events);
    }

    private void report(Map<Variant, List<Run>> runs, List<double[]> exports, int rounds, long bytes, long events) {
        System.out.printf("%d events; median of %d rounds (by wall); CPU = process CPU time (all threads, DuckDB's included;"
                + " for evtxexport its processes); thread CPU from ThreadMXBean%n", events, rounds);
        System.out.println("| run | wall | MB/s (wall) | events/s (wall) | CPU | MB/s per CPU s | events/s per CPU s | IoAs | peak heap |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        Map<Variant, Run> med = new LinkedHashMap<>();
        for (Map.Entry<Variant, List<Run>> e : runs.entrySet()) {
            List<Run> sorted = new ArrayList<>(e.getValue());
            sorted.sort((a, b) -> Double.compare(a.wall(), b.wall()));
            Run m = sorted.get(sorted.size() / 2);
            med.put(e.getKey(), m);
            long maxHeap = e.getValue().stream().mapToLong(Run::peakHeap).max().orElse(0);
            System.out.printf("| %s | %.2f s | %.1f | %,.0f | %.2f s | %.1f | %,.0f | %s | %d MB |%n", e.getKey().label,
                    m.wall(), bytes / 1e6 / m.wall(), events / m.wall(), m.cpu(), bytes / 1e6 / m.cpu(),
                    events / m.cpu(), m.ioas() < 0 ? "" : String.valueOf(m.ioas()), maxHeap >> 20);
        }
        double[] ex = exports.isEmpty() ? null : IngestBench.median(exports);
        if (ex != null) {
            System.out.printf("| evtxexport -f xml > /dev/null, one process per file | %.2f s | %.1f | %,.0f | %.2f s | %.1f | %,.0f | | |%n",
                    ex[0], bytes / 1e6 / ex[0], events / ex[0], ex[1], bytes / 1e6 / ex[1], events / ex[1]);
        }
        System.out.println();
        System.out.println("CPU seconds by thread (median round):");
        for (Map.Entry<Variant, Run> e : med.entrySet()) {
            StringBuilder sb = new StringBuilder();
            double java = 0;
            for (Map.Entry<String, Double> t : e.getValue().threadCpu().entrySet()) {
                sb.append(String.format("%s %.2f s; ", t.getKey(), t.getValue()));
                java += t.getValue();
            }
            System.out.printf("- %s: %srest of the process (DuckDB's native threads, GC, JIT) %.2f s%n", e.getKey().label, sb,
                    e.getValue().cpu() - java);
        }
        Run plain = med.get(Variant.INGEST);
        Run hunt = med.get(Variant.INGEST_HUNT);
        if (plain == null || hunt == null) {
            return;
        }
        System.out.printf("hunting costs %.2f CPU s (%.1f µs per event), %.2f s wall%n", hunt.cpu() - plain.cpu(),
                (hunt.cpu() - plain.cpu()) * 1e6 / events, hunt.wall() - plain.wall());
        if (ex != null) {
            System.out.printf("full ingest + hunting vs evtxexport: %.1fx by wall time, %.1fx by CPU time%n",
                    ex[0] / hunt.wall(), ex[1] / hunt.cpu());
        }
        System.out.printf("load average at the end %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private Run run(Variant v, RuleSet rules, Path dir, List<Path> paths) throws Exception {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        ThreadCpu threads = new ThreadCpu();
        long[] gc0 = gc();
        double[] c = IngestBench.clock();
        long ioas = -1;
        Map<String, Double> perThread;
        switch (v) {
            case NORMALIZE_MATCH -> {
                normalizeAndMatch(rules.compile(), paths);
                perThread = threads.since();
            }
            case INGEST -> {
                try (DuckDbStore store = DuckDbStore.open(dir); Ingest ingest = Ingest.into(store, "bench")) {
                    check(ingest.run(paths, new Sources(), Readers.defaults()));
                    perThread = threads.since();
                }
            }
            case INGEST_HUNT -> {
                try (DuckDbStore store = DuckDbStore.open(dir); Ingest ingest = Ingest.into(store, "bench")) {
                    IngestHunting hunting = IngestHunting.attach(ingest, store, rules::compile, List.of());
                    check(ingest.run(paths, new Sources(), Readers.defaults()));
                    IngestHunting.Found found = hunting.finish();
                    if (found.failure() != null) {
                        throw new IllegalStateException("hunting at ingest failed: " + found.failure());
                    }
                    ioas = found.ioas();
                    perThread = threads.since();
                }
            }
            default -> throw new IllegalStateException();
        }
        double[] d = IngestBench.since(c);
        long[] gc1 = gc();
        return new Run(d[0], d[1], perThread, IngestBench.peakHeap(), ioas, gc1[0] - gc0[0], (gc1[1] - gc0[1]) / 1e3);
    }

    /** Collections so far and their total time in ms, all collectors. */
    private static long[] gc() {
        long[] out = new long[2];
        for (var b : ManagementFactory.getGarbageCollectorMXBeans()) {
            out[0] += Math.max(0, b.getCollectionCount());
            out[1] += Math.max(0, b.getCollectionTime());
        }
        return out;
    }

    private static void check(IngestReport r) {
        if (r.rejected() != 0 || r.stored() == 0) {
            throw new IllegalStateException("ingest stored " + r.stored() + ", rejected " + r.rejected());
        }
    }

    private static void normalizeAndMatch(Matcher matcher, List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            try (var s = Files.walk(p)) {
                s.filter(f -> f.toString().endsWith(".evtx")).sorted().forEach(files::add);
            }
        }
        Normalizer normalizer = new Normalizer();
        long[] n = new long[2];
        IngestBench.readEvtx(files, event -> {
            if (normalizer.normalize(event, "bench").get(Column.Fields) != null) {
                n[0]++;
            }
            matcher.match(event, h -> n[1]++);
        });
        matcher.finish(h -> n[1]++);
    }

    /** CPU time of each live Java thread since construction, grouped by thread name (numbers dropped). */
    private static final class ThreadCpu {
        private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        private final Map<Long, Long> start = new HashMap<>();

        ThreadCpu() {
            for (long id : mx.getAllThreadIds()) {
                start.put(id, mx.getThreadCpuTime(id));
            }
        }

        Map<String, Double> since() {
            Map<String, Double> out = new TreeMap<>();
            for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long now = mx.getThreadCpuTime(info.getThreadId());
                long d = now - start.getOrDefault(info.getThreadId(), 0L);
                if (now > 0 && d > 5_000_000) {
                    out.merge(info.getThreadName().replaceAll("-?\\d+$", ""), d / 1e9, Double::sum);
                }
            }
            return out;
        }
    }
}
