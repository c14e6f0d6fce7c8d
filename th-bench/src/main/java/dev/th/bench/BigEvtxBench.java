package dev.th.bench;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One big EVTX file (built with the shared tools' {@code bigevtx.py}), side by side in one run:
 * {@code th ingest} as a user runs it (the {@code th} launcher, its default JVM flags, a fresh
 * store, a cold JVM) with TH's rule pack and with every SigmaHQ Windows rule, and libyal's
 * {@code evtxexport -f xml > /dev/null}; each under {@code /usr/bin/time -v}, which gives the wall
 * time, the CPU time (user + system, every thread) and the peak resident memory of the whole
 * process. Then the EVTX reader alone in this JVM (parse only, one thread, MB per CPU second).
 * The variants of a round run one after the other, rounds after one another; every run is printed.
 *
 * <pre>
 * java -cp "th-bench/target/classes:th-bench/target/lib/*" dev.th.bench.BigEvtxBench \
 *     --file /tmp/big1g.evtx --th ./th --data DATA_DIR --rounds 1 [--variants TH,SIGMA,EVTXEXPORT,PARSE]
 * </pre>
 */
public final class BigEvtxBench {
    private BigEvtxBench() {
    }

    /** One measured process run. */
    record Run(String variant, double wall, double cpu, long rssKb, String note) {
    }

    public static void main(String[] args) throws Exception {
        Path file = null;
        Path th = Path.of("th");
        Path data = null;
        Path work = Path.of(System.getProperty("java.io.tmpdir"));
        int rounds = 1;
        List<String> variants = List.of("TH", "SIGMA", "EVTXEXPORT", "PARSE");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--file" -> file = Path.of(args[i + 1]);
                case "--th" -> th = Path.of(args[i + 1]);
                case "--data" -> data = Path.of(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--variants" -> variants = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --file BIG.evtx --th PATH/th --data DIR --work DIR --rounds N --variants TH,SIGMA,EVTXEXPORT,PARSE)");
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--file BIG.evtx is required (make one: BIGEVTX_MIN_FILL=56000 python3 "
                    + "SHARED/tools/bigevtx.py /tmp/big1g.evtx 1024 FILES...)");
        }
        data = CopiesArgs.requireData(data);
        double mb = Files.size(file) / 1e6;
        System.out.printf("file %s: %.1f MB; load average %.2f at the start%n", file, mb, load());
        Map<String, List<Run>> all = new LinkedHashMap<>();
        for (int r = 1; r <= rounds; r++) {
            for (String v : variants) {
                Run run = switch (v) {
                    case "TH" -> thIngest(th, file, work, "TH", List.of());
                    case "SIGMA" -> thIngest(th, file, work, "SIGMA", List.of("--rules",
                            data.resolve("sigma/rules/windows").toString(), "--rules",
                            data.resolve("sigma/rules-threat-hunting/windows").toString()));
                    case "EVTXEXPORT" -> timed("EVTXEXPORT", List.of("evtxexport", "-f", "xml", file.toString()), null);
                    case "PARSE" -> parseOnly(file);
                    default -> throw new IllegalArgumentException("unknown variant " + v);
                };
                all.computeIfAbsent(v, k -> new ArrayList<>()).add(run);
                System.out.printf("round %d %-10s wall %7.2f s  CPU %7.2f s  peak RSS %,9d kB  %6.1f MB/s wall  %6.1f MB per CPU s  %s%n",
                        r, v, run.wall(), run.cpu(), run.rssKb(), mb / run.wall(), mb / run.cpu(), run.note());
            }
        }
        System.out.printf("load average %.2f at the end%n%n", load());
        System.out.println("| run | wall | CPU | peak RSS | MB/s wall | MB per CPU s |");
        System.out.println("|---|---|---|---|---|---|");
        Map<String, Run> medians = new LinkedHashMap<>();
        for (Map.Entry<String, List<Run>> e : all.entrySet()) {
            Run m = median(e.getValue());
            medians.put(e.getKey(), m);
            System.out.printf("| %s | %.2f s | %.2f s | %s | %.1f | %.1f |%n", e.getKey(), m.wall(), m.cpu(),
                    m.rssKb() > 0 ? String.format("%,d MB", m.rssKb() / 1024) : "", mb / m.wall(), mb / m.cpu());
        }
        Run ev = medians.get("EVTXEXPORT");
        for (String v : List.of("TH", "SIGMA")) {
            Run t = medians.get(v);
            if (ev != null && t != null) {
                System.out.printf("%s vs evtxexport: %.1fx by wall time, %.1fx by CPU time%n", v, ev.wall() / t.wall(),
                        ev.cpu() / t.cpu());
            }
        }
    }

    private static Run median(List<Run> runs) {
        List<Run> s = new ArrayList<>(runs);
        s.sort(Comparator.comparingDouble(Run::wall));
        Run byWall = s.get(s.size() / 2);
        double[] cpu = runs.stream().mapToDouble(Run::cpu).sorted().toArray();
        long[] rss = runs.stream().mapToLong(Run::rssKb).sorted().toArray();
        return new Run(byWall.variant(), byWall.wall(), cpu[cpu.length / 2], rss[rss.length - 1], "");
    }

    private static Run thIngest(Path th, Path file, Path work, String variant, List<String> extra) throws Exception {
        Path db = Files.createTempDirectory(work, "th-bigbench-");
        try {
            List<String> cmd = new ArrayList<>(List.of(th.toString(), "ingest", "--db", db.toString()));
            cmd.addAll(extra);
            cmd.add(file.toString());
            return timed(variant, cmd, db);
        } finally {
            deleteTree(db);
        }
    }

    /** Runs {@code cmd} under /usr/bin/time -v, output discarded; the summary lines become the note. */
    private static Run timed(String variant, List<String> cmd, Path db) throws Exception {
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-v"));
        full.addAll(cmd);
        Path out = Files.createTempFile("th-bigbench-", ".out");
        Path err = Files.createTempFile("th-bigbench-", ".err");
        try {
            Process p = new ProcessBuilder(full).redirectOutput(db == null ? Path.of("/dev/null").toFile() : out.toFile())
                    .redirectError(err.toFile()).start();
            int code = p.waitFor();
            String e = Files.readString(err);
            if (code != 0 && code != 2) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed with exit code " + code + ":\n" + e);
            }
            double wall = elapsed(value(e, "Elapsed (wall clock) time (h:mm:ss or m:ss): "));
            double cpu = Double.parseDouble(value(e, "User time (seconds): ")) + Double.parseDouble(value(e, "System time (seconds): "));
            long rss = Long.parseLong(value(e, "Maximum resident set size (kbytes): "));
            String note = "";
            if (db != null) {
                note = Files.readAllLines(out).stream().filter(l -> l.startsWith("Ingested") || l.startsWith("Hunted"))
                        .reduce((a, b) -> a + "; " + b).orElse("");
            }
            return new Run(variant, wall, cpu, rss, note);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String value(String text, String key) {
        for (String line : text.split("\n")) {
            int at = line.indexOf(key);
            if (at >= 0) {
                return line.substring(at + key.length()).trim();
            }
        }
        throw new IllegalStateException("no '" + key + "' in the output of /usr/bin/time:\n" + text);
    }

    private static double elapsed(String hms) {
        String[] p = hms.split(":");
        double s = 0;
        for (String part : p) {
            s = s * 60 + Double.parseDouble(part);
        }
        return s;
    }

    /** The EVTX reader alone, one thread of this JVM, after a warm-up pass over the first 64 MB. */
    private static Run parseOnly(Path file) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] events = {0};
        EventSink sink = new EventSink() {
            @Override
            public void accept(RawEvent event) {
                events[0]++;
            }

            @Override
            public void reject(long offset, long records, String reason) {
            }
        };
        try (InputStream in = Files.newInputStream(file)) {
            new EvtxReader().read(new java.io.ByteArrayInputStream(in.readNBytes(64 << 20)), "warm-up", "w", sink);
        }
        events[0] = 0;
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            new EvtxReader().read(in, file.toString(), "h", sink);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        return new Run("PARSE", wall, cpu, 0, String.format("%,d events, %,.0f events per CPU s", events[0], events[0] / cpu));
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
