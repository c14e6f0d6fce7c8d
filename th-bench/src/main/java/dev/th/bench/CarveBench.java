package dev.th.bench;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.Carver;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * {@code th carve}'s scanner ({@link Carver}) over a file of random bytes streamed from disk (the
 * page cache after the first pass), and over the same file with a real log's chunks written
 * into it every few MB: MB per wall-clock second and per CPU second (the whole process), median
 * of {@code RUNS} passes.
 *
 * <p>Usage: {@code CarveBench DATA_DIR [MB=512]}; see docs/benchmarks.md, section "Carving".
 */
public final class CarveBench {
    private static final int RUNS = 3;
    private static final String LOG = "evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";

    private CarveBench() {
    }

    private static final class Counter implements EventSink {
        long events;
        long warnings;

        @Override
        public void accept(RawEvent e) {
            events++;
        }

        @Override
        public void reject(long offset, long records, String reason) {
            throw new IllegalStateException("the carver rejected: " + reason);
        }

        @Override
        public void warn(long offset, String message) {
            warnings++;
        }
    }

    public static void main(String[] args) throws Exception {
        Path data = args.length > 0 ? Path.of(args[0]) : BenchData.data();
        int mb = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        byte[] log = Files.readAllBytes(data.resolve(LOG));
        Path random = Files.createTempFile("th-carve-random", ".bin");
        Path seeded = Files.createTempFile("th-carve-seeded", ".bin");
        try {
            write(random, mb, null);
            write(seeded, mb, log);
            measure("plain read of the random bytes (no scan)", random, mb, true);
            measure("random bytes", random, mb, false);
            measure("random bytes + a chunk of a real log every 4 MB", seeded, mb, false);
        } finally {
            Files.deleteIfExists(random);
            Files.deleteIfExists(seeded);
        }
    }

    /** {@code mb} MB of random bytes; with {@code log}, one of its chunks at an odd offset in every 4 MB. */
    private static void write(Path file, int mb, byte[] log) throws Exception {
        Random r = new Random(42);
        byte[] block = new byte[4 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mb / 4; i++) {
                r.nextBytes(block);
                if (log != null) {
                    int chunk = 4096 + (i % 15) * 65536;
                    System.arraycopy(log, chunk, block, 1 + 2 * r.nextInt(1 << 20), 65536);
                }
                out.write(block);
            }
        }
    }

    private static void measure(String label, Path file, int mb, boolean plain) throws Exception {
        double[] wall = new double[RUNS];
        double[] cpu = new double[RUNS];
        Counter last = null;
        scan(file, plain); // warm-up: JIT and page cache
        for (int i = 0; i < RUNS; i++) {
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            last = scan(file, plain);
            wall[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (cpuNanos() - c0) / 1e9;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("%-50s %6d MB: %7.1f MB/s wall (runs %.2f..%.2f s), %7.1f MB/CPU-s; %d records, %d warnings%n",
                label, mb, mb / wall[RUNS / 2], wall[0], wall[RUNS - 1], mb / cpu[RUNS / 2], last.events, last.warnings);
    }

    private static Counter scan(Path file, boolean plain) throws Exception {
        Counter c = new Counter();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (plain) {
                byte[] buf = new byte[4 << 20];
                while (in.readNBytes(buf, 0, buf.length) > 0) {
                    c.events += buf[0];
                }
                c.events = 0;
            } else {
                new Carver().read(in, file.toString(), "0".repeat(64), c);
            }
        }
        return c;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
