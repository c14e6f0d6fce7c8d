package dev.th.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The command line shared by {@link IngestBench} and {@link HuntBench}: real EVTX files from
 * {@code --data DIR} copied {@code --copies N} times into {@code --work DIR}, {@code --only NAME_PART},
 * {@code --rounds N}, {@code --no-evtxexport}; a benchmark adds its own valued options.
 */
final class CopiesArgs {
    /** Where the real logs are; {@link BenchData#data()} when {@code --data} is not given. */
    Path data;
    int copies;
    Path work;
    boolean evtxexport = true;
    String only;
    int rounds = 3;

    private CopiesArgs(int copies) {
        this.copies = copies;
    }

    /** Parses {@code args}; {@code extra} maps each further option (taking one value) to what it sets. */
    static CopiesArgs parse(String[] args, int defaultCopies, Map<String, Consumer<String>> extra) {
        CopiesArgs a = new CopiesArgs(defaultCopies);
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            if (opt.equals("--no-evtxexport")) {
                a.evtxexport = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(opt + " needs a value" + usage(extra));
            }
            String v = args[++i];
            switch (opt) {
                case "--data" -> a.data = Path.of(v);
                case "--copies" -> a.copies = Integer.parseInt(v);
                case "--work" -> a.work = Path.of(v);
                case "--only" -> a.only = v;
                case "--rounds" -> a.rounds = Integer.parseInt(v);
                default -> {
                    Consumer<String> set = extra.get(opt);
                    if (set == null) {
                        throw new IllegalArgumentException("unknown argument " + opt + usage(extra));
                    }
                    set.accept(v);
                }
            }
        }
        a.data = requireData(a.data);
        return a;
    }

    /**
     * {@code data} ({@link BenchData#data()} when null), or a clear error when the real logs the
     * benchmarks read are not there.
     */
    static Path requireData(Path data) {
        if (data == null) {
            return BenchData.data();
        }
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("no real data at " + data.toAbsolutePath()
                    + ": the benchmarks read real logs; pass --data DIR (the shared data folder)");
        }
        return data;
    }

    private static String usage(Map<String, Consumer<String>> extra) {
        StringBuilder b = new StringBuilder(" (use --data DIR --copies N --work DIR --only NAME_PART --rounds N --no-evtxexport");
        extra.keySet().forEach(k -> b.append(' ').append(k).append(" VALUE"));
        return b.append(')').toString();
    }
}
