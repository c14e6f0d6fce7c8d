package dev.th.bench;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * EVTX parse-only throughput, side by side with libyal's {@code evtxexport -f xml} on the same
 * files, and the heap bound (a long synthetic stream read under the JVM's -Xmx). Each figure is
 * given per wall-clock second and per CPU second (the process's CPU time for TH, including GC
 * and JIT threads; the children's CPU time for evtxexport), since the machine may be shared.
 *
 * <p>Usage: {@code EvtxParseBench DATA_DIR [MIN_MB=500] [STREAM_MB=2048] [DENSE_MB=64]}; see
 * docs/benchmarks.md, section "EVTX parsing".
 */
public final class EvtxParseBench {
    private static final int PASSES = 5;

    private EvtxParseBench() {
    }

    /** Counts what the reader produces; touches every event so nothing is optimized away. */
    private static final class CountingSink implements EventSink {
        long events;
        long rejects;
        long checksum;

        @Override
        public void accept(RawEvent e) {
            events++;
            checksum += e.fields().size() + e.recordId();
        }

        @Override
        public void reject(long offset, long records, String reason) {
            rejects++;
        }
    }

    /** One measurement. */
    private record Run(String label, double mb, long events, double wall, double cpu) {
        double mbPerSec() {
            return mb / wall;
        }

        double mbPerCpuSec() {
            return mb / cpu;
        }

        void print() {
            System.out.printf("%-58s %7.1f MB %8d events | wall %6.2f s: %6.1f MB/s %8.0f ev/s | CPU %6.2f s: %6.1f MB/s %8.0f ev/s%n",
                    label, mb, events, wall, mb / wall, events / wall, cpu, mb / cpu, events / cpu);
        }
    }

    public static void main(String[] args) throws Exception {
        Path data = args.length > 0 ? Path.of(args[0]) : BenchData.data();
        long minBytes = (args.length > 1 ? Long.parseLong(args[1]) : 500) << 20;
        long streamBytes = (args.length > 2 ? Long.parseLong(args[2]) : 2048) << 20;
        long denseBytes = (args.length > 3 ? Long.parseLong(args[3]) : 64) << 20;
        List<Path> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        List<byte[]> contents = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            contents.add(b);
            total += b.length;
        }
        System.out.printf("input: %d EVTX files under %s, %.1f MB; JVM %s, max heap %d MB, %d cores, load average %.1f%n",
                files.size(), data, total / 1e6, System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        EvtxReader reader = new EvtxReader();
        int rounds = (int) Math.max(1, (minBytes / PASSES + total - 1) / total);
        parseRounds(reader, contents, rounds, "warm-up");
        Run[] passes = new Run[PASSES];
        for (int i = 0; i < PASSES; i++) {
            passes[i] = parseRounds(reader, contents, rounds, "EvtxReader, all files x" + rounds + ", pass " + (i + 1));
            passes[i].print();
        }
        Arrays.sort(passes, Comparator.comparingDouble(Run::mbPerCpuSec));
        Run median = passes[PASSES / 2];
        System.out.printf("EvtxReader, all files: median pass %.1f MB/s per CPU second, %.1f MB/s wall%n",
                median.mbPerCpuSec(), median.mbPerSec());
        Run lib = evtxexport(files, median.events() / rounds, "evtxexport -f xml, all files x1");
        if (lib != null) {
            lib.print();
            System.out.printf("ratio, all files: EvtxReader %.1fx evtxexport per CPU second, %.1fx wall%n",
                    median.mbPerCpuSec() / lib.mbPerCpuSec(), median.mbPerSec() / lib.mbPerSec());
        }
        dense(reader, contents, files, denseBytes);
        streamBound(reader, contents, files, streamBytes);
    }

    private static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** CPU time of the children this process has waited for (Linux /proc), or NaN. */
    private static double childrenCpu() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0; // cutime + cstime, USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Parses every file {@code rounds} times from memory. */
    private static Run parseRounds(EvtxReader reader, List<byte[]> contents, int rounds, String label) throws IOException {
        CountingSink sink = new CountingSink();
        long bytes = 0;
        double cpu0 = processCpu();
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (byte[] b : contents) {
                reader.read(new ByteArrayInputStream(b), "bench.evtx", "", sink);
                bytes += b.length;
            }
        }
        if (sink.rejects > 0) {
            System.out.println(label + ": " + sink.rejects + " rejects");
        }
        return new Run(label, bytes / 1e6, sink.events, (System.nanoTime() - t0) / 1e9, processCpu() - cpu0);
    }

    /** Runs {@code evtxexport -f xml} once over every file (output discarded); null when it is missing. */
    private static Run evtxexport(List<Path> files, long events, String label) throws Exception {
        long bytes = 0;
        double cpu0 = childrenCpu();
        long t0 = System.nanoTime();
        for (Path f : files) {
            Process p;
            try {
                p = new ProcessBuilder("evtxexport", "-f", "xml", f.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                System.out.println("evtxexport: not found (apt-get install -y libevtx-utils); comparison skipped");
                return null;
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            bytes += Files.size(f);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return new Run(label, bytes / 1e6, events, wall, childrenCpu() - cpu0);
    }

    /**
     * The largest file's chunks repeated into a temporary file (dense, like a busy host's log):
     * EvtxReader streaming it from disk (best of 3), then evtxexport on the same file.
     */
    private static void dense(EvtxReader reader, List<byte[]> contents, List<Path> files, long bytes) throws Exception {
        int largest = largest(contents);
        Path tmp = Files.createTempFile("th-bench-dense", ".evtx");
        try {
            try (InputStream in = new RepeatingChunks(contents.get(largest), bytes)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            announceAllChunks(tmp);
            double mb = Files.size(tmp) / 1e6;
            Run best = null;
            for (int r = 0; r < 3; r++) {
                CountingSink sink = new CountingSink();
                double cpu0 = processCpu();
                long t0 = System.nanoTime();
                try (InputStream in = Files.newInputStream(tmp)) {
                    reader.read(in, tmp.toString(), "", sink);
                }
                Run run = new Run("EvtxReader, dense file from disk (best of 3)", mb, sink.events,
                        (System.nanoTime() - t0) / 1e9, processCpu() - cpu0);
                if (best == null || run.mbPerCpuSec() > best.mbPerCpuSec()) {
                    best = run;
                }
            }
            System.out.printf("dense file: the %d chunks of %s repeated, header fixed to announce them all%n",
                    contents.get(largest).length / 65536, files.get(largest).getFileName());
            best.print();
            Run lib = evtxexport(List.of(tmp), best.events(), "evtxexport -f xml, dense file");
            if (lib != null) {
                lib.print();
                System.out.printf("  (evtxexport's output, counted in an untimed run: %d <Event> elements)%n", countExported(tmp));
                System.out.printf("ratio, dense file: EvtxReader %.1fx evtxexport per CPU second, %.1fx wall%n",
                        best.mbPerCpuSec() / lib.mbPerCpuSec(), best.mbPerSec() / lib.mbPerSec());
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes the file header announce every chunk (first/last chunk number, count, CRC32): evtxexport relies on it. */
    private static void announceAllChunks(Path file) throws IOException {
        long chunks = (Files.size(file) - 4096) / 65536;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer h = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(h, 0);
            h.putLong(8, 0).putLong(16, chunks - 1).putShort(42, (short) chunks);
            CRC32 crc = new CRC32();
            crc.update(h.array(), 0, 120);
            h.putInt(124, (int) crc.getValue());
            h.rewind();
            ch.write(h, 0);
        }
    }

    private static long countExported(Path file) throws Exception {
        Process p = new ProcessBuilder("evtxexport", "-f", "xml", file.toString()).redirectErrorStream(true).start();
        long n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("<Event ")) {
                    n++;
                }
            }
        }
        p.waitFor();
        return n;
    }

    private static int largest(List<byte[]> contents) {
        int largest = 0;
        for (int i = 1; i < contents.size(); i++) {
            if (contents.get(i).length > contents.get(largest).length) {
                largest = i;
            }
        }
        return largest;
    }

    /** Streams {@code streamBytes} through the reader, never held in memory; prints the heap's peak use. */
    private static void streamBound(EvtxReader reader, List<byte[]> contents, List<Path> files, long streamBytes) throws IOException {
        int largest = largest(contents);
        byte[] src = contents.get(largest);
        contents.clear(); // only the stream's own buffers remain
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        System.gc();
        CountingSink sink = new CountingSink();
        double cpu0 = processCpu();
        long t0 = System.nanoTime();
        reader.read(new RepeatingChunks(src, streamBytes), "stream.evtx", "", sink);
        Run run = new Run("EvtxReader, " + (streamBytes >> 20) + " MiB stream (chunks repeated)", streamBytes / 1e6, sink.events,
                (System.nanoTime() - t0) / 1e9, processCpu() - cpu0);
        run.print();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("heap: peak %.1f MB while streaming %.0f MB (%d rejects), max heap %d MB%n",
                peak / 1e6, streamBytes / 1e6, sink.rejects, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** An EVTX stream of a given length: a file's header, then its chunks cycled. */
    private static final class RepeatingChunks extends InputStream {
        private final byte[] src;
        private final List<Integer> chunks = new ArrayList<>();
        private final long length;
        private long pos;

        RepeatingChunks(byte[] src, long length) {
            this.src = src;
            for (int off = 4096; off + 65536 <= src.length; off += 65536) {
                if (src[off] == 'E') {
                    chunks.add(off);
                }
            }
            this.length = 4096 + (length - 4096) / 65536 * 65536;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= length) {
                return -1;
            }
            int n;
            if (pos < 4096) {
                n = (int) Math.min(len, 4096 - pos);
                System.arraycopy(src, (int) pos, b, off, n);
            } else {
                long c = (pos - 4096) / 65536;
                int in = (int) ((pos - 4096) % 65536);
                n = Math.min(len, 65536 - in);
                System.arraycopy(src, chunks.get((int) (c % chunks.size())) + in, b, off, n);
            }
            pos += n;
            return n;
        }
    }
}
