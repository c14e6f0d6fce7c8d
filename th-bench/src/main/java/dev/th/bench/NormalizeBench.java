package dev.th.bench;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import dev.th.json.JsonLinesReader;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.normalize.Normalizer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Throughput of {@code Normalizer.normalize} on one thread, per second of that thread's CPU time
 * (other processes on a shared machine do not count), over real events already in memory: the
 * OTRF LSASS campaign's 53,698 JSON events (all families, raw events included) and the 565 Sysmon
 * events of PanacheSysmon_vs_AtomicRedTeam01.evtx (no rendered Message: smaller Fields). It was a
 * unit test with speed floors; speed belongs here (docs/benchmarks.md, "Normalizing").
 *
 * <p>Usage: {@code NormalizeBench DATA_DIR} (the shared data folder).
 */
public final class NormalizeBench {
    private static final String LSASS = "otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip";
    private static final String PANACHE = "evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";

    private NormalizeBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: NormalizeBench DATA_DIR (the shared data folder, holding " + LSASS + ")");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        for (String need : List.of(LSASS, PANACHE)) {
            if (!Files.exists(data.resolve(need))) {
                System.err.println("NormalizeBench: " + data.resolve(need) + " is missing");
                System.exit(1);
            }
        }
        List<RawEvent> json = zip(data.resolve(LSASS));
        List<RawEvent> evtx = new ArrayList<>();
        try (InputStream in = Files.newInputStream(data.resolve(PANACHE))) {
            new EvtxReader().read(in, PANACHE, "bench", into(evtx));
        }
        System.out.printf("normalize, OTRF JSON (%d events x 8, best pass): %,.0f events per CPU-second%n", json.size(),
                best(json, 8, true));
        System.out.printf("normalize, EVTX Sysmon (%d events x 200, best pass): %,.0f events per CPU-second%n", evtx.size(),
                best(evtx, 200, true));
        // side by side: the same passes without Kind and ParentKind, then with them again
        // (interleaved three times, the best of each kept: the machine may be shared)
        double jsonBare = 0, jsonKinds = 0, evtxBare = 0, evtxKinds = 0;
        for (int round = 0; round < 3; round++) {
            jsonBare = Math.max(jsonBare, best(json, 4, false));
            jsonKinds = Math.max(jsonKinds, best(json, 4, true));
            evtxBare = Math.max(evtxBare, best(evtx, 100, false));
            evtxKinds = Math.max(evtxKinds, best(evtx, 100, true));
        }
        System.out.printf("kinds cost: OTRF JSON %,.0f vs %,.0f events per CPU-second without (%+.1f%% time); "
                + "EVTX Sysmon %,.0f vs %,.0f (%+.1f%%)%n", jsonKinds, jsonBare, 100 * (jsonBare / jsonKinds - 1),
                evtxKinds, evtxBare, 100 * (evtxBare / evtxKinds - 1));
    }

    private static double best(List<RawEvent> events, int passes, boolean kinds) {
        Normalizer n = new Normalizer(kinds);
        long sink = 0;
        double best = 0;
        for (int pass = 0; pass < passes; pass++) {
            long t0 = cpu();
            for (RawEvent e : events) {
                CanonicalEvent r = n.normalize(e, "default");
                sink += r.text(Column.Fields).length();
            }
            best = Math.max(best, events.size() / ((cpu() - t0) / 1e9));
        }
        if (sink == 42) {
            System.out.print("");
        }
        return best;
    }

    private static List<RawEvent> zip(Path zip) throws IOException {
        List<RawEvent> out = new ArrayList<>();
        EventReader reader = new JsonLinesReader();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    reader.read(new FilterInputStream(in) {
                        @Override
                        public void close() {
                        }
                    }, zip + "!" + e.getName(), "bench", into(out));
                }
            }
        }
        return out;
    }

    private static EventSink into(List<RawEvent> out) {
        return new EventSink() {
            @Override
            public void accept(RawEvent event) {
                out.add(event);
            }

            @Override
            public void reject(long offset, long records, String reason) {
                throw new IllegalStateException("record rejected at " + offset + ": " + reason);
            }
        };
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
