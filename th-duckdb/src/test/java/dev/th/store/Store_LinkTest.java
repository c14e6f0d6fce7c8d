package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.ingest.IngestError;
import dev.th.ingest.IngestReport;
import dev.th.ingest.InputReport;
import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-event steps of the store (dev.th.store.link) on the OTRF logs, with expected values
 * counted by hand from the JSON lines (Sysmon's UtcTime against TimeCreated; DNS answers against
 * connection addresses).
 */
class Store_LinkTest {
    static final String PURPLESHARP = "otrf/purplesharp_pe_injection_createremotethread.zip";
    static final String COMSVCS = "otrf/psh_lsass_memory_dump_comsvcs.zip";
    static final String LSASS = "otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip";

    @TempDir
    Path dir;

    private static String notes(IngestReport report) {
        StringBuilder out = new StringBuilder();
        for (InputReport r : report.files()) {
            for (IngestError w : r.warnings()) {
                out.append(w.reason()).append('\n');
            }
        }
        return out.toString();
    }

    private static long count(DuckDbStore store, String sql) throws SQLException {
        return Ingest_RealDataTest.count(store, sql);
    }

    /** The store of one zip, and its ingest's notes. */
    private String ingest(DuckDbStore store, String zip) {
        return notes(Ingest_RealDataTest.ingest(store, List.of(SharedData.require(zip))));
    }

    @Test
    void clockOffset_purpleSharp_isFourHours_andEveryEventIsShifted() throws SQLException {
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            // all 562 Sysmon events: UtcTime 07:12:04.346 for TimeCreated 03:12:04.351Z (PurpleSharp's Sysmon 1)
            String notes = ingest(store, PURPLESHARP);
            assertTrue(notes.contains("+04:00 for 562 Sysmon events"), notes);
            assertEquals(692, count(store, "SELECT count(*) FROM events WHERE ClockShift = 240"));
            assertEquals(1, count(store, "SELECT count(*) FROM events WHERE EventId = 1 "
                    + "AND ChildFilename = 'PurpleSharp.exe' AND DateTime = TIMESTAMP '2020-10-23 07:12:04.351'"));
            // the Security log is shifted too: its 4688 of PurpleSharp.exe now lies beside Sysmon's
            assertEquals(1, count(store, "SELECT count(*) FROM events WHERE EventId = 4688 "
                    + "AND ChildFilename = 'PurpleSharp.exe' AND hour(DateTime) = 7"));
            assertEquals(1, count(store, "SELECT count(*) FROM events WHERE EventId = 1 "
                    + "AND ChildFilename = 'PurpleSharp.exe' AND CAST(Fields AS VARCHAR) LIKE '%\"2020-10-23T03:12:04.351Z\"%'"));
        }
    }

    @Test
    void clockOffset_lsassCampaign_ignoresTheFewOfAnotherClock() throws SQLException {
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            String notes = ingest(store, LSASS);
            // 47,715 Sysmon events are 19 hours ahead of TimeCreated; 191 (Sysmon 3 and 22) carry
            // another clock, 6,915 minutes behind
            assertTrue(notes.contains("+19:00 for 47715 Sysmon events"), notes);
            assertTrue(notes.contains("-115:15 for 191 Sysmon events"), notes);
            assertEquals(53698, count(store, "SELECT count(*) FROM events WHERE ClockShift = 1140"));

            // RemoteName: 17 connections follow a DNS query of their process that answered their
            // address (16 Sysmon 3 by GUID, 1 WFP 5156 by pid), all DC01.pandalab.com
            assertEquals(17, count(store, "SELECT count(*) FROM events WHERE RemoteName IS NOT NULL"));
            assertEquals(17, count(store, "SELECT count(*) FROM events WHERE RemoteName = 'DC01.pandalab.com'"));
            assertEquals(1, count(store, "SELECT count(*) FROM events WHERE RemoteName IS NOT NULL AND EventId = 5156"));
        }
    }

    @Test
    void driveLetters_learntFromSysmon_forWfpAndProcessObjects() throws SQLException {
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            String notes = ingest(store, COMSVCS);
            assertTrue(notes.contains("+16:00 for 148 Sysmon events"), notes);
            // lsass.exe is \Device\HarddiskVolume2\Windows\System32\lsass.exe to the 4656/4663 and
            // C:\Windows\system32\lsass.exe to Sysmon 10: volume 2 is C:
            assertEquals(0, count(store, "SELECT count(*) FROM events WHERE ParentPath ILIKE '\\device\\%' "
                    + "OR ChildPath ILIKE '\\device\\%'"));
            assertEquals(4, count(store, "SELECT count(*) FROM events WHERE Channel = 'Security' "
                    + "AND Family = 'process' AND ChildPath = 'C:\\Windows\\System32\\lsass.exe'"));
            // the 3 WFP connections of the Azure guest agent, on the same volume
            assertEquals(3, count(store, "SELECT count(*) FROM events WHERE EventId = 5156 "
                    + "AND ParentPath ILIKE 'C:\\windowsazure\\guestagent_2.7.41491.993_2020-10-08_063613\\%'"));
            assertEquals(1, count(store, "SELECT count(*) FROM drives WHERE Device = '\\device\\harddiskvolume2' AND Drive = 'C:'"));
        }
    }

    @Test
    void accountNames_aSidOnlyEventGetsTheNameLearntFromTheSecurityLog() throws SQLException {
        // MSEDGEWIN10: the 4104 logs only Security UserID S-1-5-21-3461203602-4096304019-2269080069-1000;
        // the Security log's 4624/4625 of the chrome sample log that SID with MSEDGEWIN10\IEUser
        Path ps = SharedData.require("evtx/evtx-attack-samples/Credential_Access/Powershell_4104_MiniDumpWriteDump_Lsass.evtx");
        Path logons = SharedData.require("evtx/evtx-attack-samples/Credential_Access/CA_4624_4625_LogonType2_LogonProc_chrome.evtx");
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            Ingest_RealDataTest.ingest(store, List.of(ps, logons));
            assertEquals(1, count(store, "SELECT count(*) FROM events WHERE EventId = 4104 "
                    + "AND UserSid = 'S-1-5-21-3461203602-4096304019-2269080069-1000' AND LoggedUser = 'MSEDGEWIN10\\IEUser'"));
            assertEquals(1, count(store, "SELECT count(*) FROM accounts WHERE UserSid = 'S-1-5-18' AND LoggedUser = 'NT AUTHORITY\\SYSTEM'"));
            assertEquals(0, count(store, "SELECT count(*) FROM accounts WHERE UserSid = 'S-1-0-0'"));
        }
    }

    /** One event as the OTRF exports write it (a flat JSON object per line). */
    private static String line(String channel, int id, String timeCreated, String... fields) {
        StringBuilder out = new StringBuilder("{\"Channel\":\"" + channel + "\",\"EventID\":" + id
                + ",\"TimeCreated\":\"" + timeCreated + "\",\"Hostname\":\"HOST1\"");
        for (int i = 0; i < fields.length; i += 2) {
            out.append(",\"").append(fields[i]).append("\":\"").append(fields[i + 1].replace("\\", "\\\\")).append('"');
        }
        return out.append('}').toString();
    }

    @Test
    void clockOffset_aDaylightSavingChangeInsideOneInput_shiftsEachSpanByItsOwnOffset() throws Exception {
        // a local clock written as UTC across the end of summer time in Europe (27 Oct 2024): before
        // 01:00 UTC the local time is UTC+2, after it UTC+1, so UtcTime - TimeCreated is -2h, then -1h
        String sysmon = "Microsoft-Windows-Sysmon/Operational";
        List<String> lines = List.of(
                line(sysmon, 1, "2024-10-27T02:10:00.000Z", "UtcTime", "2024-10-27 00:10:00.000", "Image", "C:\\a.exe", "ProcessId", "1"),
                line("Security", 4688, "2024-10-27T02:20:00.000Z", "NewProcessName", "C:\\b.exe", "NewProcessId", "0x2"),
                line(sysmon, 1, "2024-10-27T02:30:00.000Z", "UtcTime", "2024-10-27 00:30:00.000", "Image", "C:\\c.exe", "ProcessId", "3"),
                line(sysmon, 1, "2024-10-27T02:40:00.000Z", "UtcTime", "2024-10-27 01:40:00.000", "Image", "C:\\d.exe", "ProcessId", "4"),
                line("Security", 4688, "2024-10-27T02:50:00.000Z", "NewProcessName", "C:\\e.exe", "NewProcessId", "0x5"),
                line(sysmon, 1, "2024-10-27T03:00:00.000Z", "UtcTime", "2024-10-27 02:00:00.000", "Image", "C:\\f.exe", "ProcessId", "6"));
        Path file = dir.resolve("dst.json");
        java.nio.file.Files.write(file, lines);
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("db"))) {
            String notes = notes(Ingest_RealDataTest.ingest(store, List.of(file)));
            assertTrue(notes.contains("-02:00 for 2 Sysmon events") && notes.contains("then -01:00 for 2 Sysmon events"), notes);
            // b.exe (02:20 local, in the first span) is 00:20 UTC; e.exe (02:50, in the second) 01:50 UTC
            assertEquals(1, count(store, "SELECT count(*) FROM events WHERE ChildFilename = 'b.exe' "
                    + "AND DateTime = TIMESTAMP '2024-10-27 00:20:00' AND ClockShift = -120"));
            assertEquals(1, count(store, "SELECT count(*) FROM events WHERE ChildFilename = 'e.exe' "
                    + "AND DateTime = TIMESTAMP '2024-10-27 01:50:00' AND ClockShift = -60"));
            assertEquals(6, count(store, "SELECT count(*) FROM events WHERE ClockShift IS NOT NULL"));
        }
    }

    @Test
    void handleObjects_a4660TakesTheObjectOfItsHandle() throws Exception {
        List<String> lines = List.of(
                line("Security", 4656, "2024-01-01T10:00:00.000Z", "ObjectType", "File", "ObjectName", "C:\\Users\\a\\secret.txt",
                        "HandleId", "0x1a4", "ProcessId", "0x10", "ProcessName", "C:\\x.exe", "AccessMask", "0x10000"),
                line("Security", 4656, "2024-01-01T10:00:01.000Z", "ObjectType", "Key", "ObjectName", "\\REGISTRY\\MACHINE\\SOFTWARE\\Run",
                        "HandleId", "0x1a8", "ProcessId", "0x10", "ProcessName", "C:\\x.exe", "AccessMask", "0x10000"),
                line("Security", 4660, "2024-01-01T10:00:02.000Z", "HandleId", "0x1a4", "ProcessId", "0x10", "ProcessName", "C:\\x.exe"),
                line("Security", 4660, "2024-01-01T10:00:03.000Z", "HandleId", "0x1a8", "ProcessId", "0x10", "ProcessName", "C:\\x.exe"));
        Path file = dir.resolve("handles.json");
        java.nio.file.Files.write(file, lines);
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("db"))) {
            Ingest_RealDataTest.ingest(store, List.of(file));
            assertEquals(1, count(store, "SELECT count(*) FROM events WHERE EventId = 4660 AND Family = 'file' "
                    + "AND Operation = 'delete' AND ChildPath = 'C:\\Users\\a\\secret.txt' AND ChildFilename = 'secret.txt'"));
            assertEquals(1, count(store, "SELECT count(*) FROM events WHERE EventId = 4660 AND Family = 'registry' "
                    + "AND Operation = 'delete' AND Key = 'HKLM\\SOFTWARE\\Run'"));
        }
    }
}
