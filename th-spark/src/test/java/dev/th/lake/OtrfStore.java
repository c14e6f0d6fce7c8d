package dev.th.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.store.DuckDbStore;
import dev.th.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The lake tests' DuckDB store: two OTRF samples (a PE injection and an LSASS dump) ingested whole. */
final class OtrfStore {
    private OtrfStore() {
    }

    /** A new store in a temporary folder, every record of both samples stored. */
    static Path make(String prefix) throws Exception {
        List<Path> inputs = List.of(
                SharedData.require("otrf/purplesharp_pe_injection_createremotethread.zip"),
                SharedData.require("otrf/psh_lsass_memory_dump_comsvcs.zip"));
        Path store = Files.createTempDirectory(prefix);
        try (DuckDbStore s = DuckDbStore.open(store); Ingest ingest = Ingest.into(s, "default")) {
            IngestReport report = ingest.run(inputs, new Sources(), Readers.defaults());
            assertEquals(0, report.rejected());
        }
        return store;
    }
}
