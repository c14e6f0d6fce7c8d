package dev.th.bench;

import dev.th.event.RawEvent;
import dev.th.evtx.EvtxWriter;
import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.RulePack;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.sim.FleetGenerator;
import dev.th.sim.FleetTemplates;
import dev.th.store.DuckDbStore;
import dev.th.store.IngestHunting;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The EVTX writer and what reads its files, side by side in one run:
 * <ol>
 * <li><b>writer alone</b>: the real events of {@code --from} (read once, held in memory) written
 * by {@link EvtxWriter} again and again into one file of about {@code --mb} MB (best of 3);</li>
 * <li><b>th simulate</b>: {@link FleetGenerator#evtx} and {@link FleetGenerator#ndjson} of the same
 * fleet (same seed): events generated and written, as {@code th simulate --format evtx|ndjson};</li>
 * <li><b>ingest</b>: the written EVTX files and the JSON lines files of the same fleet, each into a
 * new store with TH's rule pack hunting at ingest, as {@code th ingest} does;</li>
 * <li><b>evtxexport</b>: libyal's {@code evtxexport -f xml} over the same EVTX files (output
 * discarded), for scale.</li>
 * </ol>
 * Each figure per wall-clock second and per CPU second (this process's CPU time; evtxexport's
 * children's); the peak RSS of the whole process at the end.
 *
 * <p>Usage: {@code EvtxWriteBench [--from PATH] [--machines N] [--days D] [--per-day N] [--mb MB]
 * [--work DIR]}; see docs/benchmarks.md, section "EVTX writing".
 */
public final class EvtxWriteBench {
    private EvtxWriteBench() {
    }

    public static void main(String[] args) throws Exception {
        Path from = Path.of("samples");
        int machines = 40;
        int days = 2;
        int perDay = 1000;
        int mb = 200;
        Path work = Files.createTempDirectory("evtxwrite");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--from" -> from = Path.of(args[i + 1]);
                case "--machines" -> machines = Integer.parseInt(args[i + 1]);
                case "--days" -> days = Integer.parseInt(args[i + 1]);
                case "--per-day" -> perDay = Integer.parseInt(args[i + 1]);
                case "--mb" -> mb = Integer.parseInt(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "load average %.1f, %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        FleetTemplates t = FleetTemplates.read(List.of(from));
        List<RawEvent> events = new ArrayList<>();
        t.logs().forEach(l -> events.addAll(l.events()));
        System.out.printf(Locale.ROOT, "%,d real events of %d logs from %s%n", events.size(), t.logs().size(), from);

        // 1. the writer alone
        Path one = work.resolve("writer.evtx");
        double best = Double.MAX_VALUE;
        double bestCpu = 0;
        long written = 0;
        long bytes = 0;
        long skipped = 0;
        for (int round = 0; round < 4; round++) {
            double c0 = cpu();
            long t0 = System.nanoTime();
            long n = 0;
            try (EvtxWriter w = new EvtxWriter(one)) {
                while (w.bytes() < mb * 1_000_000L) {
                    for (RawEvent e : events) {
                        try {
                            w.write(e);
                            n++;
                        } catch (IllegalArgumentException tooLarge) {
                            skipped++;
                        }
                    }
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (round > 0 && s < best) { // round 0 warms up
                best = s;
                bestCpu = cpu() - c0;
                written = n;
                bytes = Files.size(one);
            }
        }
        print("EvtxWriter alone (best of 3)", bytes / 1e6, written, best, bestCpu);
        System.out.printf(Locale.ROOT, "  events too large for a chunk, not written: %,d in 4 rounds%n", skipped);
        Files.delete(one);

        // 2. th simulate, both formats
        LocalDate last = LocalDate.of(2025, 6, 30);
        Path evtx = work.resolve("fleet-evtx");
        Path ndjson = work.resolve("fleet-ndjson");
        double c0 = cpu();
        long t0 = System.nanoTime();
        FleetGenerator.EvtxFleet f = new FleetGenerator(t, machines, perDay, last).attacks(1).evtx(evtx, days);
        print("th simulate --format evtx (" + f.files() + " files)", f.bytes() / 1e6, f.events(), (System.nanoTime() - t0) / 1e9,
                cpu() - c0);
        System.out.printf(Locale.ROOT, "  events too large for a chunk, not written: %,d%n", f.tooLarge());
        c0 = cpu();
        t0 = System.nanoTime();
        long nd = new FleetGenerator(t, machines, perDay, last).attacks(1).ndjson(ndjson, days);
        print("th simulate --format ndjson", size(ndjson) / 1e6, nd, (System.nanoTime() - t0) / 1e9, cpu() - c0);

        // 3. ingest both, hunting with TH's pack
        RuleSet pack = RuleSet.load(List.of(RulePack.materialize()));
        for (Path in : List.of(evtx, ndjson)) {
            Path db = work.resolve("store-" + in.getFileName());
            c0 = cpu();
            t0 = System.nanoTime();
            IngestReport r;
            try (DuckDbStore store = DuckDbStore.open(db); Ingest ingest = Ingest.into(store, "default")) {
                IngestHunting hunting = IngestHunting.attach(ingest, store, pack::compile, List.of());
                r = ingest.run(List.of(in), new Sources(), Readers.defaults());
                hunting.finish();
            }
            print("ingest + TH pack: " + in.getFileName() + " (" + r.stored() + " stored)", size(in) / 1e6, r.read(),
                    (System.nanoTime() - t0) / 1e9, cpu() - c0);
        }

        // 4. evtxexport on the same EVTX files
        List<Path> files = files(evtx);
        ProcessHandle self = ProcessHandle.current();
        t0 = System.nanoTime();
        for (Path p : files) {
            Process x = new ProcessBuilder("evtxexport", "-f", "xml", p.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            x.waitFor();
        }
        System.out.printf(Locale.ROOT, "%-52s %8.1f MB | wall %7.2f s: %6.1f MB/s%n", "evtxexport -f xml, file by file",
                f.bytes() / 1e6, (System.nanoTime() - t0) / 1e9, f.bytes() / 1e6 / ((System.nanoTime() - t0) / 1e9));
        System.out.printf(Locale.ROOT, "peak RSS of this process: %s (pid %d)%n", peakRss(), self.pid());
    }

    private static void print(String label, double mb, long events, double wall, double cpu) {
        System.out.printf(Locale.ROOT, "%-52s %8.1f MB %,10d events | wall %7.2f s: %6.1f MB/s %,9.0f ev/s | CPU %7.2f s: %6.1f MB/s %,9.0f ev/s%n",
                label, mb, events, wall, mb / wall, events / wall, cpu, mb / cpu, events / cpu);
    }

    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".evtx")).sorted(Comparator.naturalOrder()).toList();
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String peakRss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).trim();
            }
        }
        return "unknown";
    }
}
