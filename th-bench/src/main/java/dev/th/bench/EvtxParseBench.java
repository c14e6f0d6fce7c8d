package dev.th.bench;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * EVTX parse-only throughput, side by side with libyal's {@code evtxexport -f xml} on the same
 * files, and the heap bound: a long synthetic stream (a real file's chunks repeated) read under
 * the JVM's -Xmx. Usage: {@code EvtxParseBench DATA_DIR [MIN_MB] [STREAM_MB] [DENSE_MB]}; see
 * docs/benchmarks.md, section "EVTX parsing".
 */
public final class EvtxParseBench {

    private EvtxParseBench() {
    }

    /** Counts what the reader produces; touches every field so nothing is optimized away. */
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

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        long minBytes = (args.length > 1 ? Long.parseLong(args[1]) : 200) << 20;
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
        System.out.printf("input: %d EVTX files under %s, %.1f MB%n", files.size(), data, total / 1e6);
        System.out.printf("JVM: %s, max heap %d MB, %d cores%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        EvtxReader reader = new EvtxReader();
        int rounds = (int) Math.max(1, (minBytes + total - 1) / total);
        parseRounds(reader, contents, Math.max(1, rounds / 4), "warm-up");
        double[] parsed = parseRounds(reader, contents, rounds, "parse-only (EvtxReader, 1 thread)");

        double[] lib = evtxexport(files, parsed[2] / rounds, "all files");
        if (lib != null) {
            System.out.printf("ratio (all files): EvtxReader is %.1fx faster than evtxexport -f xml%n", parsed[0] / lib[0]);
        }
        dense(reader, contents, files, denseBytes);
        streamBound(reader, contents, files, streamBytes);
    }

    /** Parses every file {@code rounds} times from memory; returns {MB/s, events/s}. */
    private static double[] parseRounds(EvtxReader reader, List<byte[]> contents, int rounds, String label) throws IOException {
        CountingSink sink = new CountingSink();
        long bytes = 0;
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (byte[] b : contents) {
                reader.read(new ByteArrayInputStream(b), "bench.evtx", "", sink);
                bytes += b.length;
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double mbs = bytes / 1e6 / secs;
        double eps = sink.events / secs;
        System.out.printf("%s: %.1f MB in %.2f s = %.1f MB/s, %d events = %.0f events/s, %d rejects (checksum %d)%n",
                label, bytes / 1e6, secs, mbs, sink.events, eps, sink.rejects, sink.checksum);
        return new double[] {mbs, eps, sink.events};
    }

    /**
     * The largest file's chunks repeated into a temporary file of {@code bytes} (dense, like a
     * busy host's log): EvtxReader streaming it from disk, then evtxexport on the same file.
     */
    private static void dense(EvtxReader reader, List<byte[]> contents, List<Path> files, long bytes) throws Exception {
        int largest = largest(contents);
        Path tmp = Files.createTempFile("th-bench-dense", ".evtx");
        try {
            try (InputStream in = new RepeatingChunks(contents.get(largest), bytes)) {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            announceAllChunks(tmp);
            long size = Files.size(tmp);
            double best = 0;
            long events = 0;
            for (int r = 0; r < 3; r++) {
                CountingSink sink = new CountingSink();
                long t0 = System.nanoTime();
                try (InputStream in = Files.newInputStream(tmp)) {
                    reader.read(in, tmp.toString(), "", sink);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, size / 1e6 / secs);
                events = sink.events;
            }
            System.out.printf("dense file (%s chunks repeated, %.1f MB, %d events), EvtxReader from disk, best of 3:"
                    + " %.1f MB/s = %.0f events/s%n", files.get(largest).getFileName(), size / 1e6, events, best,
                    best * events / (size / 1e6));
            double[] lib = evtxexport(List.of(tmp), events, "dense file");
            if (lib != null) {
                System.out.printf("  (evtxexport's output, counted in an untimed run: %d <Event> elements)%n", countExported(tmp));
                System.out.printf("ratio (dense file): EvtxReader is %.1fx faster than evtxexport -f xml%n", best / lib[0]);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes the file header announce every chunk (first/last chunk number, count, CRC32), as evtxexport relies on it. */
    private static void announceAllChunks(Path file) throws IOException {
        long chunks = (Files.size(file) - 4096) / 65536;
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(128).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(h, 0);
            h.putLong(8, 0).putLong(16, chunks - 1).putShort(42, (short) chunks);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(h.array(), 0, 120);
            h.putInt(124, (int) crc.getValue());
            h.rewind();
            ch.write(h, 0);
        }
    }

    private static long countExported(Path file) throws Exception {
        Process p = new ProcessBuilder("evtxexport", "-f", "xml", file.toString()).redirectErrorStream(true).start();
        long n = 0;
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
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

    /** Runs {@code evtxexport -f xml} once over every file; returns {MB/s, events/s} or null. */
    private static double[] evtxexport(List<Path> files, double events, String label) throws Exception {
        long bytes = 0;
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
        double secs = (System.nanoTime() - t0) / 1e9;
        double mbs = bytes / 1e6 / secs;
        System.out.printf("evtxexport -f xml (%s; libyal, one process per file, output discarded): %.1f MB in %.2f s"
                + " = %.1f MB/s = %.0f events/s%n", label, bytes / 1e6, secs, mbs, events / secs);
        return new double[] {mbs, events / secs};
    }

    /**
     * Streams {@code streamBytes} through the reader: the largest file's header, then its chunks
     * over and over, never held in memory; prints the heap's peak use afterwards.
     */
    private static void streamBound(EvtxReader reader, List<byte[]> contents, List<Path> files, long streamBytes) throws IOException {
        int largest = largest(contents);
        byte[] src = contents.get(largest);
        contents.clear(); // let the in-memory copies go: only the stream's own buffers remain
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        System.gc();
        CountingSink sink = new CountingSink();
        long t0 = System.nanoTime();
        reader.read(new RepeatingChunks(src, streamBytes), "stream.evtx", "", sink);
        double secs = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("stream: %.0f MB (chunks of %s repeated) in %.2f s = %.1f MB/s, %d events, %d rejects;"
                        + " heap peak %.1f MB under max heap %d MB%n",
                streamBytes / 1e6, files.get(largest).getFileName(), secs, streamBytes / 1e6 / secs, sink.events,
                sink.rejects, peak / 1e6, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** An EVTX stream of a given length: a file's header, then its non-empty chunks cycled. */
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
