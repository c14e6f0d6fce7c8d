package dev.th.bench;

import dev.th.sim.FleetGenerator;
import dev.th.sim.FleetTemplates;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@link FleetGenerator} and {@link ApiLatencyBench}: {@code --stores DIR}
 * (where the fleet stores live, one folder per size, reused across runs), {@code --sizes 1M,3M,10M},
 * {@code --data DIR} (the real events, default {@link BenchData#data()}), {@code --machines},
 * {@code --per-day}, {@code --threads} (generation threads), {@code --runs}, {@code --warmup},
 * {@code --only NAME,...} (methods whose name contains one of these), {@code --batch N} (machine days
 * stored per input, default 1), {@code --dirs DIR,DIR} (finished stores compared side by side instead of
 * sizes: each labelled by its folder's name).
 */
record BenchArgs(Path stores, List<Long> sizes, Path data, int machines, int perDay, int threads, int runs,
        int warmup, List<String> only, int batch, List<Path> dirs) {
    /** The last day of every fleet (fixed, so the stores are the same from run to run). */
    static final LocalDate LAST_DAY = LocalDate.of(2025, 6, 30);

    static BenchArgs parse(String[] args) {
        Path stores = null;
        List<Long> sizes = List.of(1_000_000L, 3_000_000L, 10_000_000L);
        Path data = null;
        int machines = 200;
        int perDay = 1000;
        int threads = 1;
        int runs = 20;
        int warmup = 3;
        List<String> only = List.of();
        int batch = 1;
        List<Path> dirs = List.of();
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--stores" -> stores = Path.of(need(args[i], v));
                case "--sizes" -> sizes = sizes(need(args[i], v));
                case "--data" -> data = Path.of(need(args[i], v));
                case "--machines" -> machines = Integer.parseInt(need(args[i], v));
                case "--per-day" -> perDay = Integer.parseInt(need(args[i], v));
                case "--threads" -> threads = Integer.parseInt(need(args[i], v));
                case "--runs" -> runs = Integer.parseInt(need(args[i], v));
                case "--warmup" -> warmup = Integer.parseInt(need(args[i], v));
                case "--only" -> only = List.of(need(args[i], v).split(","));
                case "--batch" -> batch = Integer.parseInt(need(args[i], v));
                case "--dirs" -> dirs = java.util.Arrays.stream(need(args[i], v).split(",")).map(Path::of).toList();
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (use --stores DIR "
                        + "--sizes 1M,3M,10M --data DIR --machines N --per-day N --threads N --runs N --warmup N --only A,B)");
            }
            i++;
        }
        if (stores == null && dirs.isEmpty()) {
            throw new IllegalArgumentException("--stores DIR is required (the fleet stores are made or reused there), "
                    + "or --dirs DIR,DIR (finished fleet stores, e.g. one from th simulate --into and its compacted copy)");
        }
        return new BenchArgs(stores, sizes, CopiesArgs.requireData(data), machines, perDay, threads, runs, warmup, only, batch,
                dirs);
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    static List<Long> sizes(String text) {
        List<Long> out = new ArrayList<>();
        for (String s : text.split(",")) {
            String t = s.trim().toUpperCase(Locale.ROOT);
            long mult = 1;
            if (t.endsWith("M")) {
                mult = 1_000_000L;
                t = t.substring(0, t.length() - 1);
            } else if (t.endsWith("K")) {
                mult = 1_000L;
                t = t.substring(0, t.length() - 1);
            }
            out.add(Math.round(Double.parseDouble(t) * mult));
        }
        return out;
    }

    static String label(long size) {
        return size % 1_000_000 == 0 ? size / 1_000_000 + "M" : size % 1000 == 0 ? size / 1000 + "K" : String.valueOf(size);
    }

    Path storeDir(long size) {
        return stores.resolve(label(size));
    }

    FleetGenerator generator() {
        FleetTemplates t = FleetTemplates.read(List.of(data.resolve("evtx"), data.resolve("otrf")));
        System.out.printf("templates: %,d real events in %d logs (largest: %s, %,d events)%n", t.eventCount(),
                t.logs().size(), t.main().name(), t.main().events().size());
        return new FleetGenerator(t, machines, perDay, LAST_DAY).batch(batch);
    }
}
