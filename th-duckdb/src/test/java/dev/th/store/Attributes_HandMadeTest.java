package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.Attribute;
import dev.th.Process;
import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.fixture.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External, LanShared and FreshUnknown on hand-made events (attrs-a.xml, attrs-b.xml: the real samples
 * have no share write, UNC path or file dropped by System), each record's expected attributes
 * written from what the record is, and the same answers whichever order the two inputs are stored in.
 */
class Attributes_HandMadeTest {
    @TempDir
    Path dir;

    private Path resource(String name) throws IOException {
        Path out = dir.resolve(name);
        try (InputStream in = Attributes_HandMadeTest.class.getResourceAsStream(name)) {
            Files.copy(in, out);
        }
        return out;
    }

    /** RecordId -> "External LanShared | AttrEvidence" of every event. */
    private static Map<Long, String> attributes(DuckDbStore store) throws SQLException {
        Map<Long, String> out = new TreeMap<>();
        try (Statement st = store.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT RecordId, External, LanShared, AttrEvidence FROM events")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2) + " " + rs.getString(3) + " | " + rs.getString(4));
            }
        }
        return out;
    }

    private Map<Long, String> stored(String db, List<String> inputs) throws Exception {
        List<Path> paths = new java.util.ArrayList<>();
        for (String i : inputs) {
            paths.add(Files.exists(dir.resolve(i)) ? dir.resolve(i) : resource(i));
        }
        try (DuckDbStore store = DuckDbStore.open(dir.resolve(db))) {
            for (Path p : paths) {
                Ingest_RealDataTest.ingest(store, List.of(p)); // one input at a time, in this order
            }
            return attributes(store);
        }
    }

    @Test
    void eachRecord_getsWhatItShows_inEitherOrder() throws Exception {
        Map<Long, String> ab = stored("ab", List.of("attrs-a.xml", "attrs-b.xml"));
        Map<Long, String> ba = stored("ba", List.of("attrs-b.xml", "attrs-a.xml"));
        assertEquals(ab, ba);
        assertEquals("null null | null", ab.get(1L)); // System wrote a file with no remote address within 2 minutes
        assertEquals("null true | LanShared: share write (5145) on \\\\*\\ADMIN$ from 10.0.0.5", ab.get(2L));
        assertEquals("null true | LanShared: dropped by System for 10.0.0.5 (share access 5145 at 2024-03-05 10:00:00)", ab.get(3L));
        assertEquals("null true | LanShared: carried by path from event 5145 at 2024-03-05 10:00:00 "
                + "(share write (5145) on \\\\*\\ADMIN$ from 10.0.0.5)", ab.get(4L)); // PSEXESVC.exe run: its write came first
        assertEquals("null true | LanShared: UNC path", ab.get(5L));
        assertEquals("null null | null", ab.get(6L)); // x.exe run before the download of that name
        assertEquals("true null | External: written by curl.exe (download)", ab.get(7L));
        assertEquals("true null | External: carried by path from event 11 at 2024-03-05 11:00:00 "
                + "(written by curl.exe (download))", ab.get(8L));
        assertEquals("false null | null", ab.get(9L)); // ZoneId=1 (intranet)
        assertEquals("null null | null", ab.get(10L)); // chrome's own profile
        assertEquals("true null | External: Zone.Identifier ZoneId=3 HostUrl=https://example.org/tool.zip "
                + "ReferrerUrl=https://example.org/", ab.get(11L));
        // HOSTB's copy of x.exe by its MD5; HOSTA's later run of it
        assertTrue(ab.get(21L).startsWith("true null | External: carried by"), ab.get(21L));
        assertTrue(ab.get(21L).endsWith("(written by curl.exe (download))"), ab.get(21L));
        assertTrue(ab.get(22L).startsWith("true null | External: carried by"), ab.get(22L));
    }

    /** The record -> FreshUnknown of the executions of client default, with N days and k machines. */
    private static Map<Long, Boolean> fresh(Path data, int days, int machines) {
        Map<Long, Boolean> out = new TreeMap<>();
        try (TH th = TH.open(data, Stores.CLOCK)) {
            for (Process p : th.client("default").executions().period(TimePeriod.all()).freshUnknown(days, machines).fetch()) {
                out.put(record(p), (Boolean) p.get("FreshUnknown"));
            }
        }
        return out;
    }

    /** The hand-made records' ids by their times (each record has its own). */
    private static final Map<String, Long> RECORDS = Map.of("2024-03-05T10:00:03Z", 4L, "2024-03-05T10:05:00Z", 5L,
            "2024-03-05T10:30:00Z", 6L, "2024-03-05T11:01:00Z", 8L, "2024-03-05T12:00:00Z", 21L, "2024-03-13T12:00:00Z", 22L);

    private static long record(Process p) {
        return RECORDS.get(String.valueOf(p.get("DateTime")));
    }

    @Test
    void freshUnknown_byFirstSightingAndMachines_inEitherOrder() throws Exception {
        stored("ab", List.of("attrs-a.xml", "attrs-b.xml"));
        stored("ba", List.of("attrs-b.xml", "attrs-a.xml"));
        Map<Long, Boolean> byDefault = fresh(dir.resolve("ab"), 7, 3);
        assertEquals(byDefault, fresh(dir.resolve("ba"), 7, 3));
        // x.exe (MD5 ...b2): first seen on HOSTA at 11:01, on HOSTB at 12:00; run again on HOSTA 8 days later
        assertEquals(true, byDefault.get(8L));
        assertEquals(true, byDefault.get(21L));
        assertEquals(false, byDefault.get(22L)); // 8 days after its first sighting: no longer fresh
        assertEquals(true, fresh(dir.resolve("ab"), 10, 3).get(22L));
        Map<Long, Boolean> oneMachine = fresh(dir.resolve("ba"), 7, 1);
        assertEquals(true, oneMachine.get(8L)); // the first machine
        assertEquals(false, oneMachine.get(21L)); // the second machine that had it
        try (TH th = TH.open(dir.resolve("ab"), Stores.CLOCK)) {
            List<Long> asked = new java.util.ArrayList<>();
            for (Process p : th.client("default").executions().period(TimePeriod.all())
                    .attributes(Attribute.ATTR_FRESHUNKNOWN).fetch()) {
                asked.add(record(p));
            }
            List<Long> expected = new java.util.ArrayList<>();
            byDefault.forEach((id, f) -> {
                if (Boolean.TRUE.equals(f)) {
                    expected.add(id);
                }
            });
            assertEquals(expected, asked);
            assertNull(th.client("default").executions().period(TimePeriod.all()).attributes(Attribute.ATTR_FRESHUNKNOWN)
                    .fetch().emptyBecause().orElse(null));
        }
    }

    /** A hand-made Sysmon 1 of {@code image} (MD5 {@code md5}) on {@code host}. */
    private static String creation(int record, String host, String image, String md5) {
        return "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><Provider Name=\"Microsoft-Windows-Sysmon\"/>"
                + "<EventID>1</EventID><TimeCreated SystemTime=\"2024-03-05T10:00:" + String.format("%02d", record % 60)
                + ".0000000Z\"/><EventRecordID>" + record + "</EventRecordID><Channel>Microsoft-Windows-Sysmon/Operational</Channel>"
                + "<Computer>" + host + "</Computer></System><EventData><Data Name=\"ProcessGuid\">{33333333-0000-0000-0000-"
                + String.format("%012d", record) + "}</Data><Data Name=\"ProcessId\">" + (1000 + record) + "</Data><Data Name=\"Image\">"
                + image + "</Data><Data Name=\"CommandLine\">" + image + "</Data><Data Name=\"Hashes\">MD5=" + md5
                + "</Data><Data Name=\"ParentImage\">C:\\Windows\\explorer.exe</Data></EventData></Event>\n";
    }

    @Test
    void rareFiles_notedWithTheirMachines() throws Exception {
        // ten machines run common.exe; only PC0 runs rare.exe
        StringBuilder xml = new StringBuilder("<Events>\n");
        for (int m = 0; m < 10; m++) {
            xml.append(creation(100 + m, "PC" + m, "C:\\Tools\\common.exe", "0000000000000000000000000000c000"));
        }
        xml.append(creation(200, "PC0", "C:\\Tools\\rare.exe", "0000000000000000000000000000e000"));
        Path input = dir.resolve("fleet.xml");
        Files.writeString(input, xml.append("</Events>\n"));
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("fleet"))) {
            Ingest_RealDataTest.ingest(store, List.of(input));
        }
        try (TH th = TH.open(dir.resolve("fleet"), Stores.CLOCK)) {
            String note = th.machine("PC0").executions().period(TimePeriod.all()).fetch().note().orElseThrow();
            assertEquals("rare files (within their client): seen on 1 of 10 machines: rare.exe", note);
            assertTrue(th.machine("PC1").executions().period(TimePeriod.all()).fetch().note().isEmpty());
        }
    }
}
