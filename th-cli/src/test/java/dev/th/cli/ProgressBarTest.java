package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.ingest.InputReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest's progress line: bytes done of the expected total, MB/s, time left at that rate. */
class ProgressBarTest {
    @TempDir
    Path dir;

    @Test
    void showsMegabytesPerSecondAndTheTimeLeftAtThatRate() {
        long[] now = {0};
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), 400_000_000L, () -> now[0]);
        bar.inputStarted("a.evtx", 100_000_000L);
        now[0] = 2_000_000_000L; // 2 s
        bar.progress(50_000_000L);
        bar.stored(1234);
        String line = bar.line();
        // 50 MB in 2 s = 25 MB/s; 350 MB left at 25 MB/s = 14 s
        assertTrue(line.contains("12%  50.0 of 400.0 MB  25.0 MB/s  0:14 left"), line);
        assertTrue(line.contains("1,234 events"), line);
        assertTrue(line.endsWith("a.evtx"), line);
        bar.inputDone(report("a.evtx", 100_000_000L));
        now[0] = 4_000_000_000L; // 100 MB in 4 s, 300 MB left
        assertTrue(bar.line().contains("25%  100.0 of 400.0 MB  25.0 MB/s  0:12 left  1 input"), bar.line());
    }

    @Test
    void theExpectedBytesCountFilesUnderFoldersAndZipEntriesUncompressed() throws Exception {
        Files.write(dir.resolve("a.evtx"), new byte[1000]);
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub").resolve("b.json"), new byte[234]);
        Path zip = dir.resolve("sub").resolve("c.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("x.json"));
            z.write("{}\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertTrue(Files.size(zip) < 30_000, "the entry compresses");
        assertEquals(1000 + 234 + 30_000, InputBytes.of(List.of(dir)));
        assertEquals(1000, InputBytes.of(List.of(dir.resolve("a.evtx"), dir.resolve("missing"))));
    }

    private static InputReport report(String path, long size) {
        return new InputReport(path, "h", size, 0, 0, 0, 0, Map.of(), List.of(), List.of());
    }
}
