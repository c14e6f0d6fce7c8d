package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** External and LanShared from one event (dev.th.normalize.Provenance), on hand-made Sysmon and Security events. */
class ProvenanceTest {
    private static final Normalizer N = new Normalizer();
    private static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";

    private static CanonicalEvent row(String channel, int id, String... fields) {
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            f.put(fields[i], fields[i + 1]);
        }
        return N.normalize(new RawEvent(null, 1, java.time.Instant.parse("2024-03-05T10:00:00Z"), null, channel, id, "HOST", f), "c");
    }

    private static CanonicalEvent stream(String contents) {
        return row(SYSMON, 15, "Image", "C:\\Tools\\unzip.exe", "TargetFilename", "C:\\Users\\bob\\Downloads\\a.exe:Zone.Identifier",
                "Contents", contents);
    }

    @Test
    void zoneIdentifier_byZoneId_withItsUrls() {
        CanonicalEvent internet = stream("[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://example.org/\r\nHostUrl=https://example.org/a.exe\r\n");
        assertEquals(true, internet.get(Column.External));
        assertEquals("External: Zone.Identifier ZoneId=3 HostUrl=https://example.org/a.exe ReferrerUrl=https://example.org/",
                internet.get(Column.AttrEvidence));
        CanonicalEvent untrusted = stream("[ZoneTransfer]  ZoneId=4  ");
        assertEquals(true, untrusted.get(Column.External));
        assertEquals("External: Zone.Identifier ZoneId=4", untrusted.get(Column.AttrEvidence));
        CanonicalEvent trusted = stream("[ZoneTransfer]  ZoneId=2  ");
        assertEquals(false, trusted.get(Column.External));
        assertNull(trusted.get(Column.AttrEvidence));
        assertNull(stream("-").get(Column.External)); // the content was not logged
        assertNull(stream("[ZoneTransfer]  LastWriterPackageFamilyName=x  ").get(Column.External));
    }

    @Test
    void writers_countOutsideTheirOwnState() {
        CanonicalEvent download = row(SYSMON, 11, "Image", "C:\\Windows\\System32\\certutil.exe",
                "TargetFilename", "C:\\Users\\bob\\AppData\\LocalLow\\Microsoft\\CryptnetUrlCache\\Content\\1A2B");
        assertEquals(true, download.get(Column.External));
        assertEquals("External: written by certutil.exe (download)", download.get(Column.AttrEvidence));
        CanonicalEvent attachment = row(SYSMON, 11, "Image", "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
                "TargetFilename", "C:\\Users\\bob\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\X1\\invoice.docm");
        assertEquals("External: written by OUTLOOK.EXE (mail)", attachment.get(Column.AttrEvidence));
        CanonicalEvent profile = row(SYSMON, 11, "Image", "C:\\Program Files\\Mozilla Firefox\\firefox.exe",
                "TargetFilename", "C:\\Users\\bob\\AppData\\Roaming\\Mozilla\\Firefox\\Profiles\\x.default\\places.sqlite");
        assertNull(profile.get(Column.External));
        CanonicalEvent notepad = row(SYSMON, 11, "Image", "C:\\Windows\\notepad.exe", "TargetFilename", "C:\\Users\\bob\\Downloads\\a.txt");
        assertNull(notepad.get(Column.External));
        // a process a browser starts is not a file it wrote
        CanonicalEvent started = row(SYSMON, 1, "Image", "C:\\Users\\bob\\Downloads\\a.exe", "ParentImage",
                "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe");
        assertNull(started.get(Column.External));
    }

    @Test
    void uncPathsAndShareWrites() {
        assertTrue(Provenance.isUnc("\\\\fs01\\tools\\a.exe"));
        assertTrue(Provenance.isUnc("\\\\?\\UNC\\fs01\\tools\\a.exe"));
        assertTrue(Provenance.isUnc("\\Device\\Mup\\fs01\\tools\\a.exe"));
        for (String local : List.of("\\\\?\\C:\\Windows\\a.exe", "\\\\.\\PhysicalDrive0", "C:\\a.exe", "\\??\\C:\\a.exe", "\\\\")) {
            assertFalse(Provenance.isUnc(local), local);
        }
        CanonicalEvent run = row(SYSMON, 1, "Image", "\\\\fs01\\tools\\a.exe", "ParentImage", "C:\\Windows\\explorer.exe");
        assertEquals(true, run.get(Column.LanShared));
        assertEquals("LanShared: UNC path", run.get(Column.AttrEvidence));
        CanonicalEvent write = row("Security", 5145, "ObjectType", "File", "ShareName", "\\\\*\\C$", "ShareLocalPath", "\\??\\C:\\",
                "RelativeTargetName", "Users\\Public\\a.exe", "AccessMask", "0x6", "IpAddress", "10.1.2.3");
        assertEquals(true, write.get(Column.LanShared));
        assertEquals("LanShared: share write (5145) on \\\\*\\C$ from 10.1.2.3", write.get(Column.AttrEvidence));
        CanonicalEvent read = row("Security", 5145, "ObjectType", "File", "ShareName", "\\\\*\\IPC$", "RelativeTargetName", "lsarpc",
                "AccessMask", "0x1", "IpAddress", "10.1.2.3");
        assertNull(read.get(Column.LanShared)); // reading a pipe of IPC$ brings no file
    }

    @Test
    void writersList_wellFormed() {
        Set<String> names = new HashSet<>();
        for (String[] r : KindTable.rows("writers.tsv", 2)) {
            assertTrue(r[0].equals(r[0].toLowerCase(java.util.Locale.ROOT)) && r[0].endsWith(".exe"), r[0]);
            assertTrue(Set.of("browser", "mail", "download", "messenger").contains(r[1]), r[1]);
            assertTrue(names.add(r[0]), "twice: " + r[0]);
        }
        assertTrue(names.containsAll(Set.of("chrome.exe", "msedge.exe", "firefox.exe", "outlook.exe", "certutil.exe",
                "bitsadmin.exe", "curl.exe")), names.toString());
    }
}
