package dev.th.bench;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.event.EventReader;
import dev.th.evtx.EvtxReader;
import dev.th.ingest.Format;
import dev.th.ingest.Source;
import dev.th.ingest.SourceVisitor;
import dev.th.ingest.Sources;
import dev.th.hunt.Matcher;
import dev.th.hunt.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Events per second through every SigmaHQ Windows rule at once, over the real EVTX events of
 * the shared data (parsed once, then matched again and again), with the peak heap.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -pl th-bench -am package} then
 * {@code java -Xmx1g -cp "th-bench/target/classes:th-bench/target/lib/*" dev.th.bench.SigmaBench [SHARED_DIR] [SECONDS] [evtx]}.
 */
public final class SigmaBench {
    private SigmaBench() {
    }

    public static void main(String[] args) throws IOException {
        Path shared = args.length > 0 ? Path.of(args[0]) : BenchData.shared();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        boolean evtxOnly = args.length > 2 && args[2].equals("evtx");
        Path sigma = shared.resolve("data/sigma");
        List<Path> ruleDirs = List.of(sigma.resolve("rules/windows"), sigma.resolve("rules-threat-hunting/windows"),
                sigma.resolve("rules-emerging-threats"));
        long t0 = System.nanoTime();
        RuleSet rules = RuleSet.load(ruleDirs);
        Matcher matcher = rules.compile();
        double loadS = (System.nanoTime() - t0) / 1e9;
        List<RawEvent> events = readAll(shared.resolve("data"), evtxOnly);
        System.out.printf("rules: %d loaded, %d not loaded, load+compile %.2f s%n", rules.loaded().size(),
                rules.problems().size(), loadS);
        Map<String, Integer> byChannel = new java.util.TreeMap<>();
        events.forEach(e -> byChannel.merge(String.valueOf(e.channel()).toLowerCase(), 1, Integer::sum));
        System.out.printf("events: %d from %s (%s): %s%n", events.size(), shared.resolve("data"),
                evtxOnly ? "EVTX files" : "EVTX files and OTRF JSON zips", byChannel);

        Map<String, Integer> hitsByRule = new HashMap<>();
        long[] hits = {0};
        // warm-up pass: counts the hits of one pass over the events
        for (RawEvent e : events) {
            matcher.match(e, h -> {
                hits[0]++;
                hitsByRule.merge(h.rule().title(), 1, Integer::sum);
            });
        }
        System.out.printf("hits per pass: %d, from %d distinct rules%n", hits[0], hitsByRule.size());
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("heap after GC with the rules compiled (every log source's index built) and the events in memory: %.0f MB%n", retained / 1e6);
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }

        long done = 0;
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        long[] sink = {0};
        while (System.nanoTime() < deadline) {
            for (RawEvent e : events) {
                matcher.match(e, h -> sink[0]++);
            }
            done += events.size();
        }
        double s = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf("matched %d events in %.1f s on 1 thread: %.0f events/s, %.2f us/event, %d hits%n", done, s,
                done / s, s * 1e6 / done, sink[0]);
        System.out.printf("CPU time of the matching thread %.1f s: %.0f events/s per CPU-second, %.2f CPU-us/event%n", cpu,
                done / cpu, cpu * 1e6 / done);
        System.out.printf("peak heap while matching (garbage included; -Xmx caps it): %.0f MB of %.0f MB max%n", peak / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
    }

    /**
     * The real events of the shared data: the EVTX files (evtx/, the regression pairs' .evtx) and
     * the OTRF JSON-lines zips (otrf/), read with TH's own readers. With {@code evtxOnly}, the
     * EVTX files alone.
     */
    static List<RawEvent> readAll(Path data, boolean evtxOnly) throws IOException {
        List<Path> inputs = new ArrayList<>();
        inputs.add(data.resolve("evtx"));
        try (Stream<Path> s = Files.walk(data.resolve("sigma-regression"))) {
            s.filter(f -> f.toString().endsWith(".evtx")).sorted().forEach(inputs::add);
        }
        if (!evtxOnly) {
            inputs.add(data.resolve("otrf"));
        }
        List<RawEvent> out = new ArrayList<>();
        Map<Format, EventReader> readers = Sources.jsonReaders();
        readers.put(Format.EVTX, new EvtxReader());
        new Sources().forEach(inputs, new SourceVisitor() {
            @Override
            public void source(Source source) throws IOException {
                if (evtxOnly && source.format() != Format.EVTX) {
                    return;
                }
                source.read(readers, new EventSink() {
                    @Override
                    public void accept(RawEvent event) {
                        out.add(event);
                    }

                    @Override
                    public void reject(long offset, long records, String reason) {
                    }
                });
            }

            @Override
            public void skipped(String displayPath, String reason) {
            }
        });
        return out;
    }
}
