package dev.th.bench;

import dev.th.hunt.Matcher;
import dev.th.hunt.RuleSet;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How long rules take to load (parse, link and compile into a matcher): the first 2,500 SigmaHQ
 * rule files, and 10,000 made of the SigmaHQ files copied with their ids renamed (each copy a
 * rule of its own, as a large user pack would be). Targets: 2,500 in at most 2 s, 10,000 in at
 * most 8 s. Each size is loaded {@code ROUNDS} times in one JVM, alternating sizes; the first
 * round is the cold start a {@code th hunt} pays.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -pl th-bench -am package} then
 * {@code java -Xmx1g -cp "th-bench/target/classes:th-bench/target/lib/*" dev.th.bench.RuleLoadBench [SHARED_DIR] [ROUNDS]}.
 */
public final class RuleLoadBench {
    private static final Pattern ID = Pattern.compile("(?m)^id:[ \\t]*\\S+");

    private RuleLoadBench() {
    }

    public static void main(String[] args) {
        Path shared = args.length > 0 ? Path.of(args[0]) : BenchData.shared();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path sigma = shared.resolve("data/sigma");
        List<RuleSet.Text> all = RuleSet.texts(List.of(sigma.resolve("rules/windows"),
                sigma.resolve("rules-threat-hunting/windows"), sigma.resolve("rules-emerging-threats")));
        if (all.size() < 2500) {
            throw new IllegalStateException("only " + all.size() + " SigmaHQ rule files under " + sigma + " (2,500 needed)");
        }
        List<RuleSet.Text> small = all.subList(0, 2500);
        List<RuleSet.Text> large = new ArrayList<>(10_000);
        for (int copy = 0; large.size() < 10_000; copy++) {
            for (RuleSet.Text t : all) {
                if (large.size() == 10_000) {
                    break;
                }
                String key = copy + ":" + t.source() + ":";
                int[] n = {0};
                // every document's id renamed (a file may hold a rule and its correlation or filter)
                String yaml = ID.matcher(t.yaml()).replaceAll(m -> "id: " + UUID.nameUUIDFromBytes((key + n[0]++).getBytes()));
                large.add(copy == 0 ? t : new RuleSet.Text(t.source() + "#copy" + copy, yaml));
            }
        }
        System.out.printf("SigmaHQ files: %d; cores: %d%n", all.size(), Runtime.getRuntime().availableProcessors());
        for (int r = 1; r <= rounds; r++) {
            for (List<RuleSet.Text> texts : List.of(small, large)) {
                long cpu0 = cpu();
                long t0 = System.nanoTime();
                RuleSet set = RuleSet.parse(texts);
                long t1 = System.nanoTime();
                Matcher m = set.compile();
                long t2 = System.nanoTime();
                System.out.printf("round %d: %,6d files -> %,6d loaded, %,4d not loaded: parse+link %.2f s, compile %.3f s,"
                        + " total %.2f s wall, %.2f s CPU (matcher %s)%n", r, texts.size(), set.loaded().size(),
                        set.problems().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, (cpu() - cpu0) / 1e9,
                        m.getClass().getSimpleName());
            }
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
