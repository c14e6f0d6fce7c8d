package dev.th.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.th.event.EventReader;
import dev.th.ingest.Format;
import dev.th.ingest.Readers;
import dev.th.testing.CheckedSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the JSON readers as ingest uses them ({@link Readers#defaults()}:
 * each reader behind the naming of positional values): JSON lines (OTRF, Winlogbeat, ...),
 * evtx_dump's concatenated objects, Get-WinEvent's array. Seeds: the first lines of the OTRF
 * samples, two evtx_dump twins of SigmaHQ's regression data, Get-WinEvent exports of three CC0
 * records (see {@code src/test/resources/fuzz-seeds.md}). What must hold for any bytes: only an
 * {@link IOException} that says why escapes (ingest reports it under the input's name), and every reject says why.
 */
class JsonReadersFuzzTest {
    private static final Map<Format, EventReader> READERS = Readers.defaults();

    @FuzzTest(maxDuration = "5m")
    void jsonLines(byte[] data) {
        read(Format.JSON_LINES, data);
    }

    @FuzzTest(maxDuration = "5m")
    void evtxDumpJson(byte[] data) {
        read(Format.EVTX_DUMP_JSON, data);
    }

    @FuzzTest(maxDuration = "5m")
    void jsonArray(byte[] data) {
        read(Format.JSON_ARRAY, data);
    }

    static void read(Format format, byte[] data) {
        try {
            READERS.get(format).read(new ByteArrayInputStream(data), "fuzz.json", "h", new CheckedSink());
        } catch (IOException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), () -> "an error that does not say why: " + e);
        }
    }
}
