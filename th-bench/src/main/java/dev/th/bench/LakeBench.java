package dev.th.bench;

import dev.th.Machine;
import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.RulePack;
import dev.th.lake.LakeExport;
import dev.th.lake.LakeHunt;
import dev.th.store.DuckDbStore;
import dev.th.store.RetroHunt;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.dflib.DataFrame;

/**
 * The lake on Spark against the DuckDB store it was exported from, side by side in one JVM: the
 * export's time; per question, the wall time of each engine (warm-up runs, then rounds that
 * alternate which engine goes first; p50) and whether both gave the same rows in the same order;
 * then a retro-hunt with TH's rule pack, embedded ({@link RetroHunt} on a copy of the store)
 * against the Spark job ({@link LakeHunt}), with the process CPU seconds per million events (in
 * local mode Spark's executors are threads of this JVM, so the process CPU is the job's).
 *
 * <p>Usage: {@code LakeBench --store DIR --lake DIR [--runs 5] [--warmup 2] [--questions false]}; Spark's master from
 * {@code -Dth.spark.master} (default {@code local[2]}; {@code local[1]} for the speed-up).
 */
public final class LakeBench {
    private LakeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path store = null;
        Path lake = null;
        int runs = 5;
        int warmup = 2;
        boolean questionsToo = true;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--store" -> store = Path.of(args[i + 1]);
                case "--lake" -> lake = Path.of(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--questions" -> questionsToo = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (store == null || lake == null) {
            throw new IllegalArgumentException("usage: LakeBench --store DIR --lake DIR [--runs 5] [--warmup 2]");
        }
        System.out.printf(Locale.ROOT, "%d cores, max heap %d MB, Spark master %s, load average at start %.2f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("th.spark.master", "local[2]"), load());
        long t0 = System.nanoTime();
        LakeExport.Result export = LakeExport.run(store, lake);
        System.out.printf(Locale.ROOT, "export: %.1f s, version %d, written %s%n", secs(t0), export.version(), export.written());

        if (questionsToo) {
            questions(store, lake, runs, warmup);
        }
        hunt(store, lake);
        System.out.printf(Locale.ROOT, "%nload average after: %.2f%n", load());
    }

    /** Each question on both engines, side by side. */
    private static void questions(Path store, Path lake, int runs, int warmup) {
        Map<String, Function<TH, DataFrame>> questions = new LinkedHashMap<>();
        questions.put("TH.machines", th -> th.machines().frame());
        questions.put("executions", th -> busiest(th).executions().fetch().frame());
        questions.put("executions operation=create", th -> busiest(th).executions().operation("create").frame());
        questions.put("files", th -> busiest(th).files().fetch().frame());
        questions.put("registry", th -> busiest(th).registry().fetch().frame());
        questions.put("processes", th -> busiest(th).processes().fetch().frame());
        questions.put("timetable", th -> busiest(th).timetable());
        try (TH duck = TH.open(store).defaultPeriod(TimePeriod.all()); TH spark = TH.open(lake).defaultPeriod(TimePeriod.all())) {
            System.out.println();
            System.out.println("| question | rows | same rows, same order | DuckDB p50 | Spark p50 | Spark/DuckDB |");
            System.out.println("|---|---|---|---|---|---|");
            for (Map.Entry<String, Function<TH, DataFrame>> q : questions.entrySet()) {
                Timing d = new Timing(runs);
                Timing s = new Timing(runs);
                DataFrame a = null;
                DataFrame b = null;
                for (int i = 0; i < warmup; i++) {
                    a = q.getValue().apply(duck);
                    b = q.getValue().apply(spark);
                }
                for (int r = 0; r < runs; r++) {
                    boolean duckFirst = r % 2 == 0;
                    for (int side = 0; side < 2; side++) {
                        boolean onDuck = (side == 0) == duckFirst;
                        long t = System.nanoTime();
                        DataFrame f = q.getValue().apply(onDuck ? duck : spark);
                        (onDuck ? d : s).add(System.nanoTime() - t);
                        if (onDuck) {
                            a = f;
                        } else {
                            b = f;
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f ms | %.1f ms | %.1f |%n", q.getKey(), a.height(),
                        same(a, b) ? "yes" : "NO", d.percentileMs(50), s.percentileMs(50), s.percentileMs(50) / d.percentileMs(50));
            }
        }
    }

    /** The embedded retro-hunt on a copy of the store against the lake hunt, TH's rule pack on both. */
    private static void hunt(Path store, Path lake) throws Exception {
        Path pack = RulePack.materialize();
        Path copy = Files.createTempDirectory("th-lakebench-store");
        Files.copy(store.resolve(DuckDbStore.FILE_NAME), copy.resolve(DuckDbStore.FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        Instant now = Instant.now();
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        RetroHunt.Result embedded;
        try (DuckDbStore s = DuckDbStore.open(copy)) {
            embedded = new RetroHunt(s.connection()).run(RuleSet.load(List.of(pack))::compile, null, null, null, now);
        }
        double duckWall = secs(t0);
        double duckCpu = (cpu() - cpu0) / 1e9;
        cpu0 = cpu();
        t0 = System.nanoTime();
        LakeHunt.Result onLake = LakeHunt.run(lake, RuleSet.texts(List.of(pack)), null, null, now);
        double sparkWall = secs(t0);
        double sparkCpu = (cpu() - cpu0) / 1e9;
        System.out.println();
        System.out.println("| retro-hunt, TH's rule pack | events | IoAs | wall | CPU s | CPU s per million events | events/s |");
        System.out.println("|---|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| embedded (DuckDB) | %d | %d | %.1f s | %.1f | %.1f | %.0f |%n", embedded.events(), embedded.hits(),
                duckWall, duckCpu, duckCpu / embedded.events() * 1e6, embedded.events() / duckWall);
        System.out.printf(Locale.ROOT, "| lake (Spark, %d tasks) | %d | %d | %.1f s | %.1f | %.1f | %.0f |%n", onLake.tasks(), onLake.events(),
                onLake.hits(), sparkWall, sparkCpu, sparkCpu / onLake.events() * 1e6, onLake.events() / sparkWall);
        try (var files = Files.walk(copy)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static final Map<TH, Machine> BUSIEST = new java.util.IdentityHashMap<>();

    /** The machine with the most events (the heaviest machine question). */
    private static Machine busiest(TH th) {
        return BUSIEST.computeIfAbsent(th, t -> t.machines().list().stream().max(Comparator.comparingLong(Machine::eventCount)
                .thenComparing(Machine::muid, Comparator.reverseOrder())).orElseThrow().withPeriod(TimePeriod.all()));
    }

    private static boolean same(DataFrame a, DataFrame b) {
        if (a.height() != b.height() || !List.of(a.getColumnsIndex().toArray()).equals(List.of(b.getColumnsIndex().toArray()))) {
            return false;
        }
        List<String> cols = List.of(a.getColumnsIndex().toArray());
        for (int i = 0; i < a.height(); i++) {
            for (String c : cols) {
                Object x = a.getColumn(c).get(i);
                Object y = b.getColumn(c).get(i);
                if (x instanceof Number n && y instanceof Number m ? Math.abs(n.doubleValue() - m.doubleValue()) > 1e-9 : !String.valueOf(x).equals(String.valueOf(y))) {
                    return false;
                }
            }
        }
        return true;
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
