package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Defender 1116/1117. The shared data holds no Defender log, so this event is written here with
 * the EventData names Defender uses (Product Name, Detection ID, Source Name, Path, Action Name,
 * ...) and values of the shapes it writes; it checks the mapping, not a reader.
 */
class Normalizer_DefenderTest {
    static RawEvent defender(int id, String action) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Provider_Name", "Microsoft-Windows-Windows Defender");
        f.put("EventID", Integer.toString(id));
        f.put("Channel", "Microsoft-Windows-Windows Defender/Operational");
        f.put("Computer", "PC01.example.corp");
        f.put("Product Name", "Microsoft Defender Antivirus");
        f.put("Detection ID", "{6A0C9B3E-2C43-4F0B-9D4A-0C8E1D5B7A11}");
        f.put("Threat Name", "HackTool:Win64/Mikatz!dha");
        f.put("Severity Name", "High");
        f.put("Source Name", "Real-Time Protection");
        f.put("Process Name", "C:\\Windows\\explorer.exe");
        f.put("Detection User", "EXAMPLE\\user01");
        f.put("Path", "containerfile:_C:\\Users\\user01\\Downloads\\mimikatz_trunk.zip; file:_C:\\Users\\user01\\Downloads\\mimikatz_trunk.zip->x64/mimikatz.exe");
        f.put("Action Name", action);
        return new RawEvent(new SourceRef("defender.evtx", "x", 0), 7, Instant.parse("2024-05-02T10:00:00Z"),
                f.get("Provider_Name"), f.get("Channel"), id, f.get("Computer"), f);
    }

    @Test
    void detectionAndAction() {
        Normalizer n = new Normalizer();
        CanonicalEvent detected = n.normalize(defender(1116, "Not Applicable"), "default");
        CanonicalEvent quarantined = n.normalize(defender(1117, "Quarantine"), "default");
        for (CanonicalEvent r : new CanonicalEvent[] {detected, quarantined}) {
            assertEquals("detection", r.get(Column.Family));
            assertNull(r.get(Column.Operation));
            assertEquals("Real-Time Protection", r.get(Column.WinningTech));
            assertEquals("{6A0C9B3E-2C43-4F0B-9D4A-0C8E1D5B7A11}", r.get(Column.DetectionId));
            assertEquals("C:\\Users\\user01\\Downloads\\mimikatz_trunk.zip->x64/mimikatz.exe", r.get(Column.ChildPath));
            assertEquals("mimikatz.exe", r.get(Column.ChildFilename));
            assertEquals("C:\\Windows\\explorer.exe", r.get(Column.ParentPath));
            assertEquals("explorer.exe", r.get(Column.ParentFilename));
            assertEquals("EXAMPLE\\user01", r.get(Column.LoggedUser));
            assertNull(r.get(Column.ChildMd5));
        }
        assertEquals("Not Applicable", detected.get(Column.Action));
        assertEquals("Quarantine", quarantined.get(Column.Action));
    }
}
