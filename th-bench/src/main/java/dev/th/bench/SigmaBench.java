package dev.th.bench;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
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
 * {@code java -Xmx1g -cp "th-bench/target/th-bench-0.1.0-SNAPSHOT.jar:th-bench/target/lib/*" dev.th.bench.SigmaBench [SHARED_DIR] [SECONDS]}.
 */
public final class SigmaBench {
    private SigmaBench() {
    }

    public static void main(String[] args) throws IOException {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path sigma = shared.resolve("data/sigma");
        List<Path> ruleDirs = List.of(sigma.resolve("rules/windows"), sigma.resolve("rules-threat-hunting/windows"),
                sigma.resolve("rules-emerging-threats"));
        long t0 = System.nanoTime();
        RuleSet rules = RuleSet.load(ruleDirs);
        Matcher matcher = rules.compile();
        double loadS = (System.nanoTime() - t0) / 1e9;
        List<RawEvent> events = readAll(shared.resolve("data"));
        System.out.printf("rules: %d loaded, %d not loaded, load+compile %.2f s%n", rules.loaded().size(),
                rules.problems().size(), loadS);
        System.out.printf("events: %d from the EVTX files of %s%n", events.size(), shared.resolve("data"));

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

    static List<RawEvent> readAll(Path data) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.filter(f -> f.toString().toLowerCase().endsWith(".evtx")).sorted().toList();
        }
        List<RawEvent> out = new ArrayList<>();
        EvtxReader reader = new EvtxReader();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                reader.read(in, f.toString(), "", new EventSink() {
                    @Override
                    public void accept(RawEvent event) {
                        out.add(event);
                    }

                    @Override
                    public void reject(long offset, long records, String reason) {
                    }
                });
            }
        }
        return out;
    }
}
