package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.th.fixture.Replay;
import dev.th.fixture.Stores;
import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.RulePack;
import dev.th.ingest.Ingest;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.store.DuckDbStore;
import dev.th.store.IngestHunting;
import dev.th.store.IoaTable.IoaQuery;
import dev.th.store.RetroHunt;
import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process is one row (issue 8, item 4). On WORKSTATION5 (OTRF purplesharp and comsvcs) every
 * process creation is logged twice, by Sysmon 1 and by Security 4688, counted by hand from the
 * source files: rundll32 4824, PurpleSharp 8972, notepad 9908, PING 5232, conhost 9700,
 * SearchProtocolHost 10444 and SearchFilterHost 8792, the two records of each 4 to 7 ms apart.
 */
class Process_OneRowTest extends OtrfStoreTest {
    static final String PURPLESHARP = "otrf/purplesharp_pe_injection_createremotethread.zip";
    static final String COMSVCS = "otrf/psh_lsass_memory_dump_comsvcs.zip";

    @TempDir
    Path tmp;

    @Test
    void eachProcessOnceWithTheBestOfBothRecords() throws Exception {
        Hits<Process> processes = th.machine("WORKSTATION5").processes().fetch();
        assertEquals(List.of("rundll32.exe", "PurpleSharp.exe", "notepad.exe", "PING.EXE", "conhost.exe",
                "SearchProtocolHost.exe", "SearchFilterHost.exe"), processes.list().stream().map(Process::name).toList());
        Process purple = processes.get(1);
        // Sysmon's: GUID and MD5; the Security log's: token elevation (%%1936, a full token) and logon id
        assertEquals("39e4a257-8244-5f92-c117-000000000700", purple.guid());
        assertEquals("1ddcfc208163edfa63347d54b67ac30c", purple.md5());
        assertEquals("full", purple.tokenElevation());
        assertEquals("0xc61d9", purple.logonId());
        // both records are kept: the row names the 4688 by its line in the source (read here apart)
        long line = lineOf(SharedData.require(PURPLESHARP),
                e -> "4688".equals(e.path("EventID").asText()) && e.path("NewProcessName").asText().endsWith("PurpleSharp.exe"));
        assertEquals(6, line);
        assertTrue(purple.alsoLogged().endsWith("purplesharp_pe_injection_createremotethread_2020-10-2303121085.json#" + line),
                purple.alsoLogged());
        for (Process p : processes) {
            assertTrue(p.alsoLogged() != null, "each of the seven has its Security record: " + p);
        }
        // the raw events stay what the logs hold: 6 Security 4688 on 2020-10-23 (reference-counts.json)
        long security4688 = 0;
        org.dflib.DataFrame byType = th.machine("WORKSTATION5").events().period("2020-10-23").by("type").frame();
        for (int r = 0; r < byType.height(); r++) {
            if ("Security".equals(byType.get("Channel", r)) && Integer.valueOf(4688).equals(byType.get("EventId", r))) {
                security4688 = ((Number) byType.get("Events", r)).longValue();
            }
        }
        assertEquals(6, security4688);
    }

    @Test
    void theTwoLogsJoinWhicheverIsIngestedFirst() throws Exception {
        Path zip = SharedData.require(PURPLESHARP);
        Path security = Replay.write(zip, tmp.resolve("security.json"),
                e -> "security".equalsIgnoreCase(e.path("Channel").asText()), List.of(Duration.ZERO));
        Path sysmon = Replay.write(zip, tmp.resolve("sysmon.json"),
                e -> e.path("Channel").asText().contains("Sysmon"), List.of(Duration.ZERO));
        Path dir = tmp.resolve("store");
        for (Path input : List.of(security, sysmon)) {
            try (DuckDbStore store = DuckDbStore.open(dir); Ingest ingest = Ingest.into(store, "default")) {
                ingest.run(List.of(input), new Sources(), Readers.defaults());
            }
            try (TH two = TH.open(Stores.source(dir), Stores.CLOCK).defaultPeriod(TimePeriod.all())) {
                Hits<Process> p = two.machine("WORKSTATION5").processes().fetch();
                // 6 creations in either log alone; the same 6 once both are in
                assertEquals(6, p.size(), "after " + input.getFileName());
                boolean both = input == sysmon;
                for (Process x : p) {
                    assertEquals(both, x.guid() != null, x.toString());
                    assertEquals(both, x.alsoLogged() != null, x.toString());
                }
            }
        }
    }

    @Test
    void aRuleMatchingBothRecordsRaisesOneIoa() throws Exception {
        // "LSASS dump through comsvcs.dll MiniDump" matches rundll32's command line, which Sysmon 1
        // (line 107 of the source) and Security 4688 (line 17) both carry
        Path zip = SharedData.require(COMSVCS);
        RuleSet pack = RuleSet.load(List.of(RulePack.materialize()));
        Path dir = tmp.resolve("hunted");
        try (DuckDbStore store = DuckDbStore.open(dir); Ingest ingest = Ingest.into(store, "default")) {
            IngestHunting hunting = IngestHunting.attach(ingest, store, pack::compile, List.of());
            ingest.run(List.of(zip), new Sources(), Readers.defaults());
            IngestHunting.Found found = hunting.finish();
            assertEquals(1L, found.byRule().get("LSASS dump through comsvcs.dll MiniDump"));
            RetroHunt retro = new RetroHunt(store.connection());
            List<Ioa> stored = retro.ioas().list(IoaQuery.all()).stream()
                    .filter(a -> a.huntingRule().equals("LSASS dump through comsvcs.dll MiniDump")).toList();
            assertEquals(1, stored.size());
            long sysmonLine = lineOf(zip, e -> "1".equals(e.path("EventID").asText())
                    && e.path("Image").asText().endsWith("rundll32.exe"));
            assertEquals(sysmonLine, stored.get(0).recordId(), "the IoA stays on the Sysmon record");
            // hunting the store again finds it once, and stores nothing new
            RetroHunt.Result again = retro.run(pack::compile, null, null, null, Instant.now());
            assertEquals(1L, again.hitsByRule().get("LSASS dump through comsvcs.dll MiniDump"));
            assertEquals(0, again.newIoas());
            assertEquals(found.ioas(), retro.ioas().count());
        }
    }

    @Test
    void aProcessOnlyTheSecurityLogSawStaysARowOfItsOwn() {
        try (TH evtx = Stores.openEvtx()) {
            // FS03's runas sample has 4 Security 4688 and no Sysmon
            Hits<Process> p = evtx.machine("FS03").processes().fetch();
            assertEquals(4, p.size());
            for (Process x : p) {
                assertNull(x.alsoLogged());
                assertNull(x.guid());
            }
            assertEquals("elevated", p.get(0).tokenElevation()); // runas.exe: %%1937
        }
    }

    /** The 1-based line of the first event {@code match} accepts in the JSON lines of {@code zip}. */
    static long lineOf(Path zip, java.util.function.Predicate<JsonNode> match) throws Exception {
        long[] found = {-1};
        Replay.eachEvent(zip, (line, event) -> {
            if (match.test(event)) {
                found[0] = line;
                return false;
            }
            return true;
        });
        if (found[0] < 0) {
            throw new AssertionError("no such event in " + zip);
        }
        return found[0];
    }
}
