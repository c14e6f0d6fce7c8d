package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.fixture.Stores;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Machine.services(), tasks(), wmi(), pipes() and the execution tree's StartedBy / StartedFor,
 * on hand-made events of HOST7 (fam-hand-made.xml of th-core, fam-processes.xml of this module)
 * and the real PsExec sample of fs03vuln (8 pipe events: 4 created by PSEXESVC.exe, 4 connected).
 */
class Machine_FamiliesTest {
    static final String PSEXEC = "evtx/evtx-to-mitre-attack/EVTX_full_APT_attack_steps/ID11_13_17_18-PSexec_as_system_execution.evtx";
    static TH th;

    @BeforeAll
    static void open() throws IOException {
        Path dir = Files.createTempDirectory("th-fam");
        Stores.deleteOnExit(dir);
        Path families = copy("/dev/th/normalize/fam-hand-made.xml", dir.resolve("families.xml"));
        Path processes = copy("/dev/th/store/fam-processes.xml", dir.resolve("processes.xml"));
        Path db = Stores.build("th-fam-db", List.of(families, processes, SharedData.require(PSEXEC)));
        th = TH.open(Stores.source(db), Stores.CLOCK).defaultPeriod(TimePeriod.all());
    }

    @AfterAll
    static void close() {
        if (th != null) {
            th.close();
        }
    }

    private static Path copy(String resource, Path to) throws IOException {
        try (InputStream in = Machine_FamiliesTest.class.getResourceAsStream(resource)) {
            Files.copy(in, to);
        }
        return to;
    }

    static List<String> column(Hits<? extends Row> h, String column) {
        List<String> out = new ArrayList<>();
        for (Row r : h) {
            Object v = r.get(column);
            out.add(v == null ? null : v.toString());
        }
        return out;
    }

    @Test
    void services_installedTwiceOnceEachLog_andFilters() {
        Machine m = th.machine("HOST7");
        assertEquals(List.of("7045", "4697", "7036", "7040"), column(m.services().fetch(), "EventId"));
        Hits<Activity> installed = m.services().operation("installed").fetch();
        assertEquals(List.of("UpdaterSvc", "UpdaterSvc"), column(installed, "ObjectName"));
        assertEquals(List.of("demand", "demand"), column(installed, "StartType"));
        assertEquals(1, m.services().name("bits").fetch().size());
        assertEquals(2, m.services().file("svc.exe").fetch().size());
        // 4697's Subject is CORP\alice; 7045 logs only her SID, which the store names from 4697
        assertEquals(2, m.services().user("alice").operation("installed").fetch().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.services().operation("created"));
        assertTrue(e.getMessage().contains("installed, state, starttype, driver"), e.getMessage());
    }

    @Test
    void services_newOnly_namesFirstSeenInThePeriod() {
        Machine m = th.machine("HOST7");
        // from 10:01: UpdaterSvc was seen at 10:00 (not new); BITS first at 10:02 (new)
        TimePeriod after = TimePeriod.parse("2024-03-05T10:01:00Z..2024-03-06T00:00:00Z");
        assertEquals(List.of("BITS"), column(m.services().period(after).fetch(), "ObjectName"));
        TimePeriod day = TimePeriod.parse("2024-03-05T10:00:01Z..2024-03-06T00:00:00Z");
        assertEquals(List.of("UpdaterSvc", "BITS"), column(m.services().period(day).fetch(), "ObjectName"));
        assertEquals(List.of("BITS"), column(m.services().period(day).newOnly().fetch(), "ObjectName"));
    }

    @Test
    void tasks_wmi_pipes() {
        Machine m = th.machine("HOST7");
        assertEquals(List.of("created", "created", "launched", "started", "completed", "deleted"),
                column(m.tasks().fetch(), "Operation"));
        assertEquals(List.of("LogonTrigger;TimeTrigger"), column(m.tasks().operation("created").file("upd.exe").fetch(), "Triggers"));
        assertEquals(List.of("Win32_ProcessProvider", "BootRun"), column(m.wmi().fetch(), "ObjectName"));
        Machine fs03 = th.machine("fs03vuln");
        assertEquals(8, fs03.pipes().fetch().size());
        assertEquals(4, fs03.pipes().operation("created").file("PSEXESVC.exe").fetch().size());
        assertEquals(3, fs03.pipes().name("-stdin", "-stdout", "-stderr").operation("connected").fetch().size());
    }

    @Test
    void executionTree_showsStartedByAndFor() {
        Hits<Process> tree = processNamed(th.machine("HOST7"), "upd.exe").executionTree();
        assertEquals(List.of("task"), column(tree, "StartedBy"));
        assertEquals(List.of("\\Updater"), column(tree, "StartedFor"));
        assertTrue(tree.frame().getColumnsIndex().contains("StartedFor"));
        Process cmd = processNamed(th.machine("fs03vuln"), "cmd.exe");
        assertEquals("psexec", cmd.executionTree().iterator().next().startedBy());
        // PsExec64.exe was started by cmd.exe of the user: its tree has no starter columns
        Hits<Process> plain = processNamed(th.machine("fs03vuln"), "PsExec64.exe").executionTree();
        assertTrue(plain.frame().getColumnsIndex().contains("Operation"));
        assertTrue(!plain.frame().getColumnsIndex().contains("StartedBy"));
        assertNull(plain.iterator().next().startedBy());
    }

    static Process processNamed(Machine m, String name) {
        return m.executions().operation(Operation.Process.CREATE).file(name).fetch().iterator().next();
    }
}
