package dev.th.xml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.th.ingest.Format;
import dev.th.ingest.Readers;
import dev.th.testing.CheckedSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the Windows event XML reader (wevtutil's bare events, Event
 * Viewer's UTF-16 {@code <Events>}). Seeds: three CC0 records written as both exports (see
 * {@code src/test/resources/fuzz-seeds.md}). What must hold for any bytes: only an
 * {@link IOException} that says why escapes (ingest reports it under the input's name) (no entity expansion, no external entity is
 * read: such a document is refused), and every reject says why.
 */
class WindowsXmlReaderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void xml(byte[] data) {
        try {
            Readers.defaults().get(Format.WINDOWS_XML).read(new ByteArrayInputStream(data), "fuzz.xml", "h", new CheckedSink());
        } catch (IOException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), () -> "an error that does not say why: " + e);
        }
    }
}
