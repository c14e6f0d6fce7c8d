package dev.th.bench;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.ingest.Format;
import dev.th.ingest.Readers;
import dev.th.testing.RealEvents;
import dev.th.testing.WindowsExports;
import dev.th.testing.WindowsExports.PowerShell;
import dev.th.testing.WindowsExports.XmlForm;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Parse-only throughput and heap of the export readers (Windows event XML, Get-WinEvent JSON) on
 * large files, side by side in one run with the EVTX reader on the same events: the 565 Sysmon
 * records of {@code PanacheSysmon_vs_AtomicRedTeam01.evtx} written out as each export (test
 * converter {@code dev.th.testing.WindowsExports}) and repeated into one file of at least
 * {@code MB} megabytes, read from disk through {@link Readers#defaults} (format readers and the
 * positional naming), nothing stored. A main in test sources, as it uses the test converter.
 *
 * <p>Usage: {@code ExportParseBench DATA_DIR [MB=256] [TMP_DIR]}; see docs/benchmarks.md,
 * section "Export parsing".
 */
public final class ExportParseBench {
    private ExportParseBench() {
    }

    private static final class Counting implements EventSink {
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
        long minBytes = (args.length > 1 ? Long.parseLong(args[1]) : 256) << 20;
        Path tmpDir = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
        Path evtx = data.resolve("evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx");
        Map<Format, EventReader> readers = Readers.defaults();
        List<RawEvent> events = RealEvents.evtx(evtx);
        System.out.printf("input: %d events of %s; JVM %s, max heap %d MB, %d cores, load average %.1f%n", events.size(),
                evtx.getFileName(), System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<Case> cases = List.of(
                new Case("EVTX (the same chunks repeated)", Format.EVTX, null, null, null, null),
                new Case("XML, wevtutil (bare, UTF-8)", Format.WINDOWS_XML, "",
                        () -> WindowsExports.xml(events, new XmlForm(false, false, false)), "", StandardCharsets.UTF_8),
                new Case("XML, Event Viewer (Events, UTF-16LE), unnamed Data", Format.WINDOWS_XML,
                        "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Events>",
                        () -> WindowsExports.xml(events, new XmlForm(false, true, true)), "</Events>\r\n",
                        StandardCharsets.UTF_16LE),
                new Case("JSON, Windows PowerShell 5.1 (UTF-16LE)", Format.JSON_ARRAY, "\uFEFF[\r\n",
                        () -> body(WindowsExports.getWinEventJson(events, PowerShell.WINDOWS_5_1)) + ",\r\n", "\r\n]\r\n",
                        StandardCharsets.UTF_16LE),
                new Case("JSON, PowerShell 7 (UTF-8)", Format.JSON_ARRAY, "[\r\n",
                        () -> body(WindowsExports.getWinEventJson(events, PowerShell.CORE_7)) + ",\r\n", "\r\n]\r\n",
                        StandardCharsets.UTF_8));
        for (Case c : cases) {
            Path file = Files.createTempFile(tmpDir, "th-export-bench-", ".tmp");
            try {
                long bytes = c.format() == Format.EVTX ? repeatChunks(evtx, file, minBytes) : c.write(file, minBytes);
                EventReader reader = readers.get(c.format());
                resetPeaks();
                Counting sink = new Counting();
                double cpu0 = cpu();
                long t0 = System.nanoTime();
                try (InputStream in = Files.newInputStream(file)) {
                    reader.read(in, file.toString(), "-", sink);
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = cpu() - cpu0;
                double mb = bytes / 1e6;
                System.out.printf("%-52s %7.1f MB %9d events %d rejected | wall %6.2f s: %6.1f MB/s %8.0f ev/s"
                                + " | CPU %6.2f s: %6.1f MB/s %8.0f ev/s | peak heap %5.1f MB%n",
                        c.label(), mb, sink.events, sink.rejects, wall, mb / wall, sink.events / wall, cpu, mb / cpu,
                        sink.events / cpu, peakHeap() / 1e6);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The elements of a JSON array, without its brackets. */
    private static String body(String array) {
        String s = array.strip();
        return s.substring(1, s.length() - 1).strip();
    }

    private record Case(String label, Format format, String head, java.util.function.Supplier<String> units, String tail,
            Charset charset) {
        /** head, then unit repeated until the file holds at least {@code min} bytes, then tail. */
        long write(Path file, long min) throws IOException {
            String unit = units.get();
            byte[] u = unit.getBytes(charset);
            byte[] h = head.getBytes(charset);
            String lastUnit = unit.endsWith(",\r\n") ? unit.substring(0, unit.length() - 3) : unit;
            byte[] last = lastUnit.getBytes(charset);
            byte[] t = tail.getBytes(charset);
            unit = null;
            lastUnit = null;
            long n = 0;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                out.write(h);
                n += h.length;
                while (n + last.length + t.length < min) {
                    out.write(u);
                    n += u.length;
                }
                out.write(last);
                out.write(t);
                n += last.length + t.length;
            }
            return n;
        }
    }

    /** The file's chunks repeated after its header until at least {@code min} bytes. */
    private static long repeatChunks(Path evtx, Path file, long min) throws IOException {
        byte[] b = Files.readAllBytes(evtx);
        long n = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(b, 0, 4096);
            n += 4096;
            while (n < min) {
                out.write(b, 4096, b.length - 4096);
                n += b.length - 4096;
            }
        }
        return n;
    }

    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
