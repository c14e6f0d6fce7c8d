package dev.th.ingest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The readers an ingest is given ({@link Readers#defaults}, each wrapped to name positional
 * values) still let {@link Decoding} cut an EVTX file into chunks decoded in parallel.
 */
class Decoding_ReadersTest {
    @Test
    void theDefaultEvtxReaderIsDecodedByChunks() {
        assertNotNull(Decoding.evtxOf(Readers.defaults().get(Format.EVTX)));
        assertNull(Decoding.evtxOf(Readers.defaults().get(Format.WINDOWS_XML)));
        assertNull(Decoding.evtxOf(Readers.defaults().get(Format.JSON_ARRAY)));
    }
}
