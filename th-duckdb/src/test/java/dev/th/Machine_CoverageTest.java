package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.fixture.Replay;
import dev.th.fixture.Stores;
import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Machine.coverage() (issue 8, item 11): per channel the span, the record ids and what is missing
 * between them, and the tampering events. FS03's runas sample (reference-counts.json: 9 Security
 * records from 14:30:53.638285 to 14:30:58.258, EventRecordID 469345..469353 read off the file,
 * one 1102 "log cleared" as its first record); WORKSTATION5's OTRF exports have no EventRecordID.
 */
class Machine_CoverageTest extends OtrfStoreTest {
    static final String RUNAS = "evtx/evtx-to-mitre-attack/TA0004-Privilege_Escalation/T1134-Access_Token_Manipulation/"
            + "ID4688_4648_4624-Runas_execution_with_different_user.evtx";

    @TempDir
    Path tmp;

    @Test
    void theRunasSampleIsWholeAndItsLogWasCleared() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(SharedData.require("reference-counts.json").toFile())
                .get("evtx").get(RUNAS);
        try (TH evtx = Stores.openEvtx()) {
            DataFrame c = evtx.machine("FS03").coverage();
            assertEquals(List.of("Channel", "First", "Last", "Events", "FirstRecord", "LastRecord", "MissingRecords", "Gaps",
                    "Tampering"), List.of(c.getColumnsIndex().toArray()));
            assertEquals(1, c.height());
            assertEquals("Security", c.get("Channel", 0));
            assertEquals(ref.get("records").asLong(), c.get("Events", 0));
            assertEquals(millis(ref.get("time_first").asText()), ((Instant) c.get("First", 0)).truncatedTo(ChronoUnit.MILLIS));
            assertEquals(millis(ref.get("time_last").asText()), ((Instant) c.get("Last", 0)).truncatedTo(ChronoUnit.MILLIS));
            assertEquals(469345L, c.get("FirstRecord", 0));
            assertEquals(469353L, c.get("LastRecord", 0));
            assertEquals(0L, c.get("MissingRecords", 0));
            assertEquals("1102 audit log cleared at " + c.get("First", 0), c.get("Tampering", 0));
        }
    }

    @Test
    void exportsWithoutRecordIdsHaveNoGapsToCount() {
        DataFrame c = th.machine("WORKSTATION5").coverage();
        // the two OTRF exports: Sysmon, Security (1102 once in each), System (104 twice in purplesharp)
        assertEquals(Set.of("Microsoft-Windows-Sysmon/Operational", "Security", "System"),
                Set.copyOf(c.getColumn("Channel").toList()));
        for (int r = 0; r < c.height(); r++) {
            assertNull(c.get("FirstRecord", r));
            assertNull(c.get("MissingRecords", r));
            String tampering = (String) c.get("Tampering", r);
            switch ((String) c.get("Channel", r)) {
                case "Security" -> assertEquals(2, tampering.split("; ").length, tampering);
                case "System" -> assertEquals(2, tampering.split("; ").length, tampering);
                default -> assertEquals("", tampering);
            }
        }
    }

    @Test
    void missingRecordsAreCountedAndListed() throws Exception {
        // the 36 Security events of the comsvcs export, numbered 1000.. as an EVTX export would, with
        // the records 1003, 1010-1012 and 1030 left out: 5 missing in 3 gaps
        Path zip = SharedData.require("otrf/psh_lsass_memory_dump_comsvcs.zip");
        long[] next = {1000};
        Set<Long> dropped = Set.of(1003L, 1010L, 1011L, 1012L, 1030L);
        Path json = Replay.write(zip, tmp.resolve("numbered.json"), e -> {
            if (!"security".equalsIgnoreCase(e.path("Channel").asText())) {
                return false;
            }
            long id = next[0]++;
            e.put("EventRecordID", id);
            return !dropped.contains(id);
        }, List.of(Duration.ZERO));
        Path dir = Stores.build("th-coverage", List.of(json));
        try (TH t = TH.open(Stores.source(dir), Stores.CLOCK).defaultPeriod(TimePeriod.all())) {
            DataFrame c = t.machine("WORKSTATION5").coverage();
            assertEquals(1, c.height());
            assertEquals(36L - 5, c.get("Events", 0));
            assertEquals(1000L, c.get("FirstRecord", 0));
            assertEquals(1035L, c.get("LastRecord", 0));
            assertEquals(5L, c.get("MissingRecords", 0));
            assertEquals("1003, 1010-1012, 1030", c.get("Gaps", 0));
        }
    }

    @Test
    void anAnswerWhosePeriodReachesBeyondTheLogsSaysSo() {
        Hits<Process> p = th.machine("WORKSTATION5").processes().period("2020-10-16..2020-10-23").fetch();
        assertEquals(7, p.size());
        String note = p.note().orElseThrow();
        assertTrue(note.contains("reaches before what the logs of machine WORKSTATION5 cover"), note);
        assertTrue(th.machine("WORKSTATION5").processes().period("2020-10-18..2020-10-23").fetch().note().isEmpty());
        assertTrue(th.machine("WORKSTATION5").processes().period("all").fetch().note().isEmpty());
        // a process's questions are its machine's
        Process purple = p.list().stream().filter(x -> x.name().equals("PurpleSharp.exe")).findFirst().orElseThrow();
        assertTrue(purple.executions().period("2020-10-23..2020-10-30").fetch().note().orElseThrow()
                .contains("reaches after"));
    }

    static Instant millis(String referenceTime) {
        return Instant.parse(referenceTime.replace(' ', 'T') + "Z").truncatedTo(ChronoUnit.MILLIS);
    }
}
