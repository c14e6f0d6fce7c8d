package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Process object's questions with the process as the actor, and its properties. PurpleSharp.exe
 * (Sysmon ProcessGuid 39e4a257-8244-5f92-c117-000000000700) acts in, counted from the source
 * file: 39 Sysmon 7 (loads), 2 Sysmon 10 (accesses), 1 Sysmon 1 (creates notepad.exe), 1 Sysmon 8
 * (remote thread into notepad.exe), 2 Sysmon 11 (files), 1 Sysmon 13 (registry), no Sysmon 3; and in
 * the Security log, which has no GUIDs, by its pid 8972 within its lifetime: 1 Security 4663 (a
 * handle on the key HKLM\SYSTEM\ControlSet001\Control\Lsa at 03:12:04.377); its 4688 of notepad.exe
 * is the same creation as the Sysmon 1.
 */
class Process_PivotsTest extends OtrfStoreTest {
    static Process purple;

    @BeforeAll
    static void open() {
        purple = th.machine("WORKSTATION5").processes().file("PurpleSharp.exe").fetch().list().stream()
                .filter(p -> p.guid() != null).findFirst().orElseThrow();
    }

    @Test
    void properties() {
        assertEquals("PurpleSharp.exe", purple.name());
        assertEquals(8972L, purple.pid());
        assertEquals("1ddcfc208163edfa63347d54b67ac30c", purple.md5());
        assertEquals("2020-10-23T07:12:04.351Z", purple.time().toString()); // TimeCreated 03:12:04.351, the clock +04:00
        assertEquals("WORKSTATION5", purple.machine().name());
        assertEquals("WORKSTATION5\\wardog", purple.user().name());
        assertEquals("1ddcfc208163edfa63347d54b67ac30c", purple.file().md5());
        assertEquals(TimePeriod.all(), purple.period());
    }

    @Test
    void actionsOfTheProcess() {
        assertEquals(43, purple.executions().fetch().size());
        assertEquals(39, purple.executions().operation(Operation.Process.LOAD).fetch().size());
        Hits<Process> thread = purple.executions().operation("thread").fetch();
        assertEquals(1, thread.size());
        assertEquals("notepad.exe", thread.get(0).name());
        assertEquals(List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildPath", "ChildMd5", "ChildPid",
                "ParentFilename", "ParentMd5", "ParentPid", "CommandLine", "RemoteIp", "Operation", "RemoteSession", "External",
                "FreshUnknown", "LanShared"), thread.columns());
        // 2 Sysmon 11 + 1 Sysmon 13 + the Security 4663 on the Lsa key and PurpleSharp's 11 4656
        // handle requests on keys (registry accesses)
        assertEquals(2 + 1 + 1 + 11, purple.files().fetch().size() + purple.registry().fetch().size());
        Hits<Registry> reg = purple.registry().fetch();
        assertTrue(reg.size() >= 1);
        assertEquals(List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildPath", "ChildMd5", "ChildPid",
                "ParentFilename", "ParentMd5", "ParentPid", "CommandLine", "RemoteIp", "Operation", "Key", "Value",
                "ValueData"), reg.columns());
        Hits<Connection> net = purple.communications().fetch();
        assertEquals(0, net.size());
        assertEquals(List.of("DateTime", "Date", "Muid", "LoggedUser", "ParentFilename", "ParentPid", "RemoteIp", "RemotePort",
                "LocalIp", "LocalPort", "Protocol", "Direction", "Ipv4Status"), List.of(net.frame().getColumnsIndex().toArray()));
        assertEquals(List.of("Date", "Outgoing", "Incoming"), List.of(purple.bandwidth().getColumnsIndex().toArray()));
    }

    @Test
    void actionsOfAProcessWithoutGuidStayInItsLifetime() {
        // FS03's runas.exe (Security 4688 only, pid 2140) created cmd.exe 452 (the 4688 of 14:30:58.227)
        try (TH evtx = dev.th.fixture.Stores.openEvtx()) {
            Process runas = evtx.machine("FS03").processes().file("runas.exe").fetch().get(0);
            assertEquals(null, runas.guid());
            Hits<Process> created = runas.executions().operation(Operation.Process.CREATE).fetch();
            assertEquals(List.of("cmd.exe"), created.list().stream().map(Process::name).toList());
            assertEquals(452L, created.get(0).pid());
        }
        // MKT01's winx64_payload.exe (pid 1988, 09:54:30.987 to 09:57:30.255) created two cmd.exe, each
        // logged by Sysmon 1 and by Security 4688: two processes
        Process payload = th.machine("MKT01").processes().file("winx64_payload.exe").fetch().get(0);
        Hits<Process> created = payload.executions().operation(Operation.Process.CREATE).fetch();
        assertEquals(List.of("cmd.exe", "cmd.exe"), created.list().stream().map(Process::name).toList());
    }

    @Test
    void commandlines() {
        DataFrame cl = purple.commandlines();
        assertEquals(List.of("CommandLine", "Times"), List.of(cl.getColumnsIndex().toArray()));
        assertEquals(1, cl.height()); // one creation (Sysmon 1 and its 4688)
        assertEquals(1L, ((Number) cl.get("Times", 0)).longValue());
        assertEquals("PurpleSharp.exe  /t T1055.002", cl.get("CommandLine", 0));
        // cmd.exe ran on MKT01 with these command lines; ntop keeps the most used first
        Process cmd = th.machine("MKT01").processes().file("cmd.exe").fetch().get(0);
        DataFrame all = cmd.commandlines(TimePeriod.all(), null);
        DataFrame top1 = cmd.commandlines(TimePeriod.all(), 1);
        assertEquals(1, top1.height());
        assertTrue(all.height() >= 1);
        assertEquals(all.get("CommandLine", 0), top1.get("CommandLine", 0));
        assertThrows(IllegalArgumentException.class, () -> cmd.commandlines(TimePeriod.all(), 0));
    }

    @Test
    void lookupsByGuidAndByPidAtATime() {
        Process byGuid = th.process("{39E4A257-8244-5F92-C117-000000000700}");
        assertEquals("PurpleSharp.exe", byGuid.name());
        assertEquals(8972L, byGuid.pid());
        Process byPid = th.process("WORKSTATION5", 9908, java.time.Instant.parse("2020-10-23T07:12:05Z"));
        assertEquals("notepad.exe", byPid.name());
        assertEquals("39e4a257-8244-5f92-c217-000000000700", byPid.guid());
        // MKT01's cmd.exe 7588 ended at 09:55:42.551 by TimeCreated (4689), 04:55:42.551 the next day
        // by the export's clock (+19:00)
        Process cmd = th.process("MKT01", 7588, java.time.Instant.parse("2023-08-16T04:55:00Z"));
        assertEquals("cmd.exe", cmd.name());
        assertThrows(IllegalArgumentException.class,
                () -> th.process("MKT01", 7588, java.time.Instant.parse("2023-08-16T04:58:00Z")));
        assertThrows(IllegalArgumentException.class, () -> th.process("not-a-guid' OR 1=1"));
        assertEquals(List.of("MKT01.pandalab.com", "WORKSTATION5"),
                th.machines("workstation5", "MKT01", "a05250fa6e512c68b2aad2223aff7e01").list().stream().map(Machine::name).sorted().toList());
    }

    @Test
    void fromTableDfRebuildsProcesses() {
        DataFrame df = th.machine("WORKSTATION5").executions().operation(Operation.Process.CREATE).frame();
        Hits<Process> again = Process.fromTableDf(th, df, "executions", "default", TimePeriod.all());
        assertEquals(7, again.size());
        assertEquals(df.getColumnsIndex().toArray().length, again.columns().size());
        Process p = again.list().stream().filter(x -> "notepad.exe".equals(x.name())).findFirst().orElseThrow();
        assertEquals("default", p.clientId());
        assertEquals("PurpleSharp.exe", p.parent().get(0).name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Process.fromTableDf(th, df, "sessions", "default", TimePeriod.all()));
        assertTrue(e.getMessage().contains("executions, processes, execution_tree"), e.getMessage());
    }
}
