package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.fixture.Stores;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Machine.executions() (the seed's get_executions) on WORKSTATION5 (OTRF purplesharp + comsvcs).
 * Expected counts come from reference-counts.json per Channel|EventID, mapped as DESIGN.md says,
 * one row per process: create = Sysmon 1 (1+6; each of the 1+6 Security 4688 records is the same
 * creation, counted by hand: same pid, image and time within 10 ms), kill = Sysmon 5 (3+1; the 4
 * Security 4689 records are four of these ends, the other 2 Sysmon 5 have none), thread = Sysmon 8
 * (0+1), load = Sysmon 7 (30+241), access = Sysmon 10 (68+253).
 */
class Machine_ExecutionsTest extends OtrfStoreTest {
    static Machine ws5;

    @BeforeAll
    static void open() {
        ws5 = th.machine("WORKSTATION5");
    }

    @Test
    void countsPerOperationFollowTheMapping() {
        assertEquals(7, ws5.executions().operation(Operation.Process.CREATE).fetch().size());
        assertEquals(4, ws5.executions().operation(Operation.Process.KILL).fetch().size());
        assertEquals(1, ws5.executions().operation(Operation.Process.THREAD).fetch().size());
        assertEquals(271, ws5.executions().operation(Operation.Process.LOAD).fetch().size());
        // Sysmon 10 321, and the Security 4656 (2) and 4663 (2) of the comsvcs dump on lsass.exe
        assertEquals(321 + 4, ws5.executions().operation(Operation.Process.ACCESS).fetch().size());
        assertEquals(7 + 4 + 1 + 271 + 325, ws5.executions().fetch().size());
        assertEquals(7 + 1, ws5.executions().operation("create", "thread").fetch().size());
    }

    @Test
    void frameHasTheSeedColumnsInOrder() {
        DataFrame df = ws5.executions().operation(Operation.Process.CREATE).frame();
        assertEquals(List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildPath", "ChildMd5", "ChildPid",
                "ParentFilename", "ParentPath", "ParentMd5", "ParentPid", "CommandLine", "RemoteIp", "Operation",
                "RemoteSession", "External", "FreshUnknown", "LanShared"), List.of(df.getColumnsIndex().toArray()));
        assertEquals(7, df.height());
    }

    @Test
    void aProcessCreationHasTheValuesOfItsEvent() {
        // Sysmon 1 of 2020-10-23T03:12:04.351Z (TimeCreated; 07:12:04.351Z with the input's clock
        // offset, +04:00 by Sysmon's UtcTime): PurpleSharp.exe, pid 8972, from cmd.exe pid 4840
        Process p = ws5.executions().operation(Operation.Process.CREATE).command("/t T1055.002").fetch().list().stream()
                .filter(x -> x.guid() != null).findFirst().orElseThrow();
        assertEquals("PurpleSharp.exe", p.name());
        assertEquals("C:\\Users\\wardog\\Desktop\\PurpleSharp.exe", p.path());
        assertEquals("1ddcfc208163edfa63347d54b67ac30c", p.md5());
        assertEquals(8972L, p.pid());
        assertEquals("cmd.exe", p.parentFilename());
        assertEquals(4840L, p.parentPid());
        assertEquals("PurpleSharp.exe  /t T1055.002", p.commandLine());
        assertEquals("WORKSTATION5\\wardog", p.loggedUser());
        assertEquals("39e4a257-8244-5f92-c117-000000000700", p.guid());
        assertEquals(ws5.muid(), p.muid());
        assertEquals("2020-10-23T07:12:04.351Z", p.time().toString());
    }

    @Test
    void commandFilterIsLiteralTextNotSql() {
        // Sysmon 1 and Security 4688 of PurpleSharp both carry "/t T1055.002": one process
        assertEquals(1, ws5.executions().command("t1055.002").fetch().size());
        assertEquals(0, ws5.executions().command("' OR '1'='1").fetch().size());
        assertEquals(0, ws5.executions().command("%").fetch().size());
        // "_" is literal: only SearchProtocolHost's "...MssGthrPipe69_" (Sysmon 1 and 4688) has one
        assertEquals(1, ws5.executions().command("_").fetch().size());
        assertEquals(0, ws5.executions().user("x' OR 1=1 --").fetch().size());
        assertEquals(0, ws5.executions().file("cmd.exe' OR ''='").fetch().size());
    }

    @Test
    void fileFilterByNameMd5AndPath() {
        // PurpleSharp.exe is the child of: Sysmon 1 (create; its 4688 is the same creation), Sysmon 5
        // (kill; its 4689 the same end), 3 Sysmon 10 (TargetImage) and 1 Sysmon 7 (ImageLoaded) = 6.
        // Its MD5 is in Sysmon 1 and 7, and the end and the 3 accesses target the process Sysmon 1
        // created (TargetProcessGuid), so they know its MD5 too: 6
        assertEquals(6, ws5.executions().file("purplesharp.exe").fetch().size());
        assertEquals(6, ws5.executions().file("1DDCFC208163EDFA63347D54B67AC30C").fetch().size());
        assertEquals(6, ws5.executions().file("C:\\Users\\wardog\\Desktop\\PurpleSharp.exe").fetch().size());
        assertEquals(1, ws5.executions().file(File.of("PurpleSharp.exe")).operation("create").fetch().size());
    }

    @Test
    void userFilterTakesDomainOrName() {
        int bare = ws5.executions().operation(Operation.Process.CREATE).user("wardog").fetch().size();
        int full = ws5.executions().operation(Operation.Process.CREATE).user("WORKSTATION5\\wardog").fetch().size();
        // Sysmon 1 logs "WORKSTATION5\wardog" for rundll32, PurpleSharp, notepad, PING and conhost (their
        // 4688 records, SubjectUserName "wardog" in domain WORKSTATION5, are the same five processes)
        assertEquals(5, bare);
        assertEquals(5, full);
    }

    @Test
    void kindsAreSetAtIngest_attributesShowWhatTheLogsHold() {
        // PurpleSharp's chain on WORKSTATION5: PurpleSharp.exe (a hack tool of TH's list) -> notepad -> PING -> conhost
        List<String> hacking = ws5.executions().kind(Kind.HACKINGTOOL).operation("create").fetch().list().stream()
                .map(p -> p.text("ChildFilename")).distinct().toList();
        assertEquals(List.of("PurpleSharp.exe"), hacking);
        List<String> byHackTool = ws5.executions().parentKind(Kind.HACKINGTOOL).operation("create").fetch().list().stream()
                .map(p -> p.text("ChildFilename").toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        assertEquals(List.of("notepad.exe"), byHackTool);
        assertEquals(0, ws5.executions().kind(Kind.USERALLOWED).fetch().size());
        // no download, share or UNC path on WORKSTATION5 (RemoteSession is filled by logon sessions, elsewhere)
        for (Attribute a : List.of(Attribute.ATTR_EXTERNAL, Attribute.ATTR_LANSHARED)) {
            assertEquals(0, ws5.executions().attributes(a).fetch().size(), a.label());
        }
        // client default has 2 machines (WORKSTATION5, MKT01), and WORKSTATION5's logs span 2020-10-18..23 (5 days):
        // with k = 3 and N = 7 every execution of a file is FreshUnknown; with N = 0, only those at their file's first sighting
        int all = ws5.executions().fetch().size();
        assertEquals(all, ws5.executions().attributes(Attribute.ATTR_FRESHUNKNOWN).fetch().size());
        int firsts = ws5.executions().freshUnknown(0, 3).attributes(Attribute.ATTR_FRESHUNKNOWN).fetch().size();
        assertTrue(firsts > 0 && firsts < all, firsts + " of " + all);
        assertEquals(0, ws5.executions().kind("interpreter").attributes("ATTR_REMOTE", "ATTR_LANSHARED").fetch().size());
    }

    @Test
    void wrongValuesListTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ws5.executions().operation("spawn"));
        assertTrue(e.getMessage().contains("create, kill, thread, load, access"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ws5.executions().kind("virus"));
        assertTrue(e.getMessage().contains("interpreter, remoteaccess, admintool, hackingtool, userallowed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ws5.executions().attributes("ATTR_X"));
        assertTrue(e.getMessage().contains("ATTR_REMOTE"), e.getMessage());
    }

    @Test
    void defaultPeriodIsTodayAndAnEmptyAnswerSaysWhere() {
        try (TH today = TH.open(Stores.source(Stores.otrfDir()), Stores.CLOCK)) {
            // "today" is 2020-10-23: the 6 processes of purplesharp, not the one of 2020-10-18
            Machine m = today.machine("WORKSTATION5");
            assertEquals(TimePeriod.today(), m.period());
            assertEquals(6, m.executions().operation(Operation.Process.CREATE).fetch().size());
            Hits<Process> none = m.executions().period("2021-01-01..2021-01-31").fetch();
            assertTrue(none.isEmpty());
            String why = none.emptyBecause().orElseThrow();
            assertTrue(why.contains("2020-10-18..2020-10-23"), why);
            assertTrue(m.executions().period("all").fetch().emptyBecause().isEmpty());
        }
    }

    @Test
    void histogramGivesBuckets() {
        Hits<Bucket> b = ws5.executions().operation(Operation.Process.CREATE).histogram(Histogram.byDay()).fetch();
        assertEquals(List.of("DateTime", "Count"), b.columns());
        assertEquals(2, b.size());
        assertEquals("2020-10-18T00:00:00Z", b.get(0).time().toString());
        assertEquals(1, b.get(0).count());
        assertEquals(6, b.get(1).count());
    }
}
