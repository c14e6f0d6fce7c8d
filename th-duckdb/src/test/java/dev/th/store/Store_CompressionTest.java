package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new store keeps the original fields ZSTD-compressed: the file is made at a storage version
 * that allows it, and every stored segment of Fields is ZSTD (or a constant), as DuckDB's own
 * storage info tells after a checkpoint; the fields read back whole.
 */
class Store_CompressionTest {
    @TempDir
    Path dir;

    @Test
    void theOriginalFieldsAreStoredWithZstd() throws Exception {
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            IngestReport r;
            try (Ingest ingest = Ingest.into(store, "default")) {
                r = ingest.run(List.of(Path.of("..", "samples", "evtx")), new Sources(), Readers.defaults());
            }
            try (Statement st = store.connection().createStatement()) {
                st.execute("CHECKPOINT");
            }
            long segments = Ingest_RealDataTest.count(store,
                    "SELECT count(*) FROM pragma_storage_info('events') WHERE column_name = 'Fields' AND segment_type <> 'VALIDITY'");
            long zstd = Ingest_RealDataTest.count(store,
                    "SELECT count(*) FROM pragma_storage_info('events') WHERE column_name = 'Fields' AND segment_type <> 'VALIDITY'"
                            + " AND compression IN ('ZSTD', 'Constant')");
            assertTrue(segments > 0, "Fields has stored segments");
            assertEquals(segments, zstd, "every segment of Fields is ZSTD");
            assertEquals(r.stored(), Ingest_RealDataTest.count(store,
                    "SELECT count(*) FROM events WHERE json_valid(Fields) AND Fields::VARCHAR LIKE '{%}'"),
                    "every stored event's fields read back as one JSON object");
        }
    }
}
