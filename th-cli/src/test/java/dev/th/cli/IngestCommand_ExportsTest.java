package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.testing.RealEvents;
import dev.th.testing.SharedData;
import dev.th.testing.WindowsExports;
import dev.th.testing.WindowsExports.PowerShell;
import dev.th.testing.WindowsExports.XmlForm;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code th ingest} and {@code th hunt} on exports as a user runs them: an Event Viewer XML and a
 * Windows PowerShell 5.1 JSON export (both UTF-16LE) of a real log are found from their content
 * and give the counts python-evtx gives the log; a forwarded Defender XML hunted with SigmaHQ's
 * rule gives its IoA.
 */
class IngestCommand_ExportsTest {
    private static final String RUNAS = "evtx/evtx-to-mitre-attack/TA0004-Privilege_Escalation/T1134-Access_Token_Manipulation/"
            + "ID4688_4648_4624-Runas_execution_with_different_user.evtx";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void xmlAndGetWinEventExportsIngestWithTheLogsCounts() throws Exception {
        Path evtx = SharedData.require(RUNAS);
        List<RawEvent> events = RealEvents.evtx(evtx);
        Path xml = Files.write(dir.resolve("runas.xml"),
                WindowsExports.utf16le(WindowsExports.xml(events, new XmlForm(true, false, false))));
        Path json = Files.write(dir.resolve("runas.json"),
                WindowsExports.utf16le(WindowsExports.getWinEventJson(events, PowerShell.WINDOWS_5_1)));
        Path report = dir.resolve("report.json");
        String db = dir.resolve("db").toString();
        Run run = Run.th("ingest", "--db", db, "--report", report.toString(), xml.toString(), json.toString());
        assertEquals(0, run.exit(), run::toString);
        JsonNode ref = JSON.readTree(SharedData.require("reference-counts.json").toFile()).get("evtx").get(RUNAS);
        JsonNode files = JSON.readTree(report.toFile()).get("files");
        assertEquals(2, files.size());
        for (JsonNode f : files) {
            assertEquals(ref.get("records").asLong(), f.get("stored").asLong(), f::toString);
            assertEquals(0, f.get("rejected").asLong());
            assertEquals(ref.get("by_channel_eventid"), f.get("byEventId"));
        }
        assertEquals(2 * ref.get("records").asLong(), StoreSql.count(dir.resolve("db"),
                "SELECT count(*) FROM events WHERE MachineName = 'FS03.offsec.lan'"));
        Run again = Run.th("ingest", "--db", db, xml.toString(), json.toString());
        assertEquals(0, again.exit(), again::toString);
        assertEquals(2 * ref.get("records").asLong(), StoreSql.count(dir.resolve("db"), "SELECT count(*) FROM events"));
    }

    @Test
    void huntingAForwardedDefenderXmlWithSigmaHqsRule() throws Exception {
        Path xml = dir.resolve("defender.xml");
        try (InputStream in = IngestCommand_ExportsTest.class.getResourceAsStream("/dev/th/ingest/defender-forwarded.xml")) {
            Files.copy(in, xml);
        }
        Path rule = SharedData.require("sigma/rules/windows/builtin/windefend/win_defender_malware_detected_amsi_source.yml");
        Run r = Run.th("hunt", "--rules", rule.toString(), "--format", "json", xml.toString());
        assertEquals(0, r.exit(), r::toString);
        JsonNode ioas = JSON.readTree(r.out());
        assertEquals(1, ioas.size(), r::toString);
        assertTrue(ioas.get(0).toString().contains("PC01.example.corp"), ioas::toString);
        assertTrue(ioas.get(0).toString().contains("Bhabesh Raj"), "the rule's author: " + ioas);
    }
}
