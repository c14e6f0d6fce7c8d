package dev.th.bench;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.store.DuckDbStore;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Full-ingest throughput (parse + normalize + store into DuckDB) on real EVTX files, side by side
 * with libyal's {@code evtxexport -f xml} on the same files, in one run.
 *
 * <p>The real EVTX files of {@code shared/data} are copied {@code --copies} times into a work
 * folder; each copy gets its number written into the unused padding of the file header (bytes
 * 0x200.., outside the header checksum), so every copy has its own content hash and is stored
 * anew. Usage: {@code IngestBench [--data DIR] [--copies N] [--work DIR] [--no-evtxexport]}.
 */
public final class IngestBench {
    private static final int PADDING_OFFSET = 0x200;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of("../shared/data");
        int copies = 12;
        Path work = null;
        boolean evtxexport = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--copies" -> copies = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--no-evtxexport" -> evtxexport = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --data DIR --copies N --work DIR --no-evtxexport)");
            }
        }
        if (work == null) {
            work = Files.createTempDirectory("th-ingest-bench");
        }
        List<Path> originals = evtxUnder(data);
        if (originals.isEmpty()) {
            throw new IllegalStateException("no .evtx file under " + data.toAbsolutePath());
        }
        Path input = work.resolve("input");
        List<Path> files = makeCopies(originals, input, copies);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        System.out.printf("input: %d real EVTX files x %d copies = %d files, %.1f MB, JVM max heap %d MB, %d cores%n",
                originals.size(), copies, files.size(), bytes / 1e6, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());

        // warm-up (JIT) on one copy, not measured
        ingest(work.resolve("warmup"), List.of(input.resolve("copy-0")), true);
        parseOnly(files.subList(0, originals.size()));

        long t0 = System.nanoTime();
        long parsed = parseOnly(files);
        double parseSecs = (System.nanoTime() - t0) / 1e9;
        row("parse only (EvtxReader, 1 thread)", bytes, parsed, parseSecs);

        t0 = System.nanoTime();
        IngestReport seq = ingest(work.resolve("store-seq"), List.of(input), false);
        double seqSecs = (System.nanoTime() - t0) / 1e9;
        check(seq, parsed);
        row("full ingest, 1 thread (Ingest.sequential)", bytes, seq.stored(), seqSecs);

        t0 = System.nanoTime();
        IngestReport par = ingest(work.resolve("store-par"), List.of(input), true);
        double parSecs = (System.nanoTime() - t0) / 1e9;
        check(par, parsed);
        row("full ingest, 2 threads (Ingest.into)", bytes, par.stored(), parSecs);

        if (evtxexport) {
            t0 = System.nanoTime();
            int failed = evtxexport(files);
            double exSecs = (System.nanoTime() - t0) / 1e9;
            row("evtxexport -f xml > /dev/null (one process per file)" + (failed > 0 ? ", " + failed + " failed" : ""),
                    bytes, parsed, exSecs);
            System.out.printf("full ingest (2 threads) is %.1fx evtxexport%n", exSecs / parSecs);
        }
        System.out.printf("peak heap used: %d MB (max heap %d MB); store file %.1f MB%n", peakHeap() >> 20,
                Runtime.getRuntime().maxMemory() >> 20, Files.size(work.resolve("store-par").resolve(DuckDbStore.FILE_NAME)) / 1e6);
        deleteTree(work);
    }

    private static void row(String what, long bytes, long events, double secs) {
        System.out.printf("| %s | %.2f s | %.1f MB/s | %,.0f events/s |%n", what, secs, bytes / 1e6 / secs, events / secs);
    }

    private static void check(IngestReport r, long expected) {
        if (r.stored() + r.duplicates() != expected || r.rejected() != 0) {
            throw new IllegalStateException("ingest stored " + r.stored() + " of " + expected + " events, rejected "
                    + r.rejected());
        }
    }

    private static IngestReport ingest(Path dataDir, List<Path> paths, boolean parallel) {
        try (DuckDbStore store = DuckDbStore.open(dataDir);
                Ingest ingest = parallel ? Ingest.into(store, "bench") : Ingest.sequential(store, "bench")) {
            return ingest.run(paths, new Sources(), Readers.defaults());
        }
    }

    private static long parseOnly(List<Path> files) throws IOException {
        EvtxReader reader = new EvtxReader();
        long[] n = new long[1];
        EventSink sink = new EventSink() {
            @Override
            public void accept(RawEvent event) {
                n[0]++;
            }

            @Override
            public void reject(long offset, long records, String reason) {
                throw new IllegalStateException("rejected at " + offset + ": " + reason);
            }
        };
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                reader.read(in, f.toString(), "-", sink);
            }
        }
        return n[0];
    }

    private static int evtxexport(List<Path> files) throws IOException, InterruptedException {
        int failed = 0;
        for (Path f : files) {
            Process p = new ProcessBuilder("evtxexport", "-f", "xml", f.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                failed++;
            }
        }
        return failed;
    }

    private static List<Path> evtxUnder(Path data) throws IOException {
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".evtx") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** Copies with distinct content: the copy number in the header's unused padding. */
    private static List<Path> makeCopies(List<Path> originals, Path input, int copies) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < copies; k++) {
            Path dir = Files.createDirectories(input.resolve("copy-" + k));
            for (int i = 0; i < originals.size(); i++) {
                byte[] b = Files.readAllBytes(originals.get(i));
                ByteBuffer.wrap(b, PADDING_OFFSET, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(k + 1L);
                out.add(Files.write(dir.resolve(String.format("%04d.evtx", i)), b));
            }
        }
        return out;
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
