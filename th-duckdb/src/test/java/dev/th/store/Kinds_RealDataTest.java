package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.th.normalize.Normalizer;
import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kinds of the real process creations of OTRF's LSASS campaign host log, and a store made before
 * kinds and attributes that gets the same Kind, ParentKind, External, LanShared, AttrEvidence and sightings from
 * {@link Renormalizer} as a fresh ingest; one of version 5 filled in place ({@link AttributeFill}) too.
 */
class Kinds_RealDataTest {
    static final String CAMPAIGN = "otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip";
    private static final String SYSMON1 = "FROM events WHERE Channel = 'Microsoft-Windows-Sysmon/Operational' AND EventId = 1";

    @TempDir
    Path dir;

    @Test
    void sysmonCreations_perKind_countedByHandInTheJson() throws SQLException {
        Path zip = SharedData.require(CAMPAIGN);
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            Ingest_RealDataTest.ingest(store, List.of(zip));
            // 269 Sysmon 1 events; by Image file name: cmd 77, cscript 1, powershell 1 (interpreters)
            assertEquals(269, count(store, "SELECT count(*) " + SYSMON1));
            assertEquals(79, count(store, "SELECT count(*) " + SYSMON1 + " AND Kind LIKE '%interpreter%'"));
            // LOLBAS: certutil 5, cmd 77, conhost 80, cscript 1, msedge 16, netsh 17, powershell 1, reg 15, rundll32 2;
            // ATT&CK tools and TH's list: ipconfig 1, route 1, systeminfo 2, tasklist 2, wevtutil 14, whoami 3
            assertEquals(237, count(store, "SELECT count(*) " + SYSMON1 + " AND Kind LIKE '%admintool%'"));
            assertEquals(0, count(store, "SELECT count(*) " + SYSMON1 + " AND (Kind LIKE '%hackingtool%' OR Kind LIKE '%remoteaccess%')"));
            assertEquals(77 + 1 + 1, count(store, "SELECT count(*) " + SYSMON1 + " AND Kind = 'interpreter,admintool'"));
            // parents: cmd 140, cscript 76, powershell 1
            assertEquals(217, count(store, "SELECT count(*) " + SYSMON1 + " AND ParentKind LIKE '%interpreter%'"));
            // the metasploit payload has no kind
            assertEquals(1, count(store, "SELECT count(*) " + SYSMON1 + " AND ChildFilename = 'winx64_payload.exe' AND Kind IS NULL"));
        }
    }

    @Test
    void aStoreMadeBeforeKinds_getsTheSameKindsAsAFreshIngest() throws SQLException {
        Path zip = SharedData.require(CAMPAIGN);
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            Ingest_RealDataTest.ingest(store, List.of(zip));
            store.joinProcesses(); // what the end of an ingest run does: the processes joined, the sightings made
            try (Statement st = store.connection().createStatement()) {
                st.execute("CREATE TABLE fresh AS SELECT SourceHash, RecordId, Kind, ParentKind, External, LanShared, AttrEvidence "
                        + "FROM events");
                st.execute("CREATE TABLE fresh_sightings AS SELECT * FROM sightings");
                // a store of normalizer version 3: no kinds, no attributes, no sightings
                st.execute("UPDATE events SET Kind = NULL, ParentKind = NULL, External = NULL, LanShared = NULL, AttrEvidence = NULL");
                st.execute("DROP TABLE sightings");
                st.execute("UPDATE inputs SET NormalizerVersion = 3");
            }
            assertEquals(0, count(store, "SELECT count(*) FROM events WHERE Kind IS NOT NULL"));
            long[] last = new long[2];
            List<Renormalizer.Result> results = new Renormalizer(store).progress((done, total) -> {
                last[0] = done;
                last[1] = total;
            }).run(false);
            assertEquals(1, results.size());
            assertEquals(3, results.get(0).fromVersion());
            long events = count(store, "SELECT count(*) FROM events");
            assertEquals(events, last[0]);
            assertEquals(events, last[1]);
            assertEquals(0, count(store, "SELECT count(*) FROM events e JOIN fresh f USING (SourceHash, RecordId) "
                    + "WHERE e.Kind IS DISTINCT FROM f.Kind OR e.ParentKind IS DISTINCT FROM f.ParentKind "
                    + "OR e.External IS DISTINCT FROM f.External OR e.LanShared IS DISTINCT FROM f.LanShared "
                    + "OR e.AttrEvidence IS DISTINCT FROM f.AttrEvidence"));
            // the attributes were there to compare (the Edge download of the campaign)
            assertEquals(true, count(store, "SELECT count(*) FROM fresh WHERE External") > 0);
            long sightings = count(store, "SELECT count(*) FROM sightings");
            assertEquals(count(store, "SELECT count(*) FROM fresh_sightings"), sightings);
            assertEquals(sightings, count(store, "SELECT count(*) FROM sightings JOIN fresh_sightings USING (Client, FileKey, Machine, FirstSeen)"));
            assertEquals(events, count(store, "SELECT count(*) FROM events e JOIN fresh f USING (SourceHash, RecordId)"));
            assertEquals(Normalizer.VERSION, count(store, "SELECT NormalizerVersion FROM inputs"));
            // a store of normalizer version 5 (kinds, no attributes) is filled in place, not made again
            AttributeFillTest.fillAndCompare(store, 1);
        }
    }

    private static long count(DuckDbStore store, String sql) throws SQLException {
        return Ingest_RealDataTest.count(store, sql);
    }
}
