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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Logon sessions, the RemoteSession attribute and PowerShell scripts, computed by the engine over
 * a real store: the hand-made HOST8 (logon-hand-made.xml of th-core: its comment tells the story),
 * the hand-split 4104 and classic PowerShell events (ps-hand-made.xml), and the real logons of
 * the Runas sample (FS03: evtxexport shows hack1's two type 2 logons 0xa6f5fa4 / 0xa6f5fc2 at
 * 14:30:58, a 4672 for 0xa6f5fa4, and cmd.exe, conhost.exe and ctfmon.exe created under
 * 0xa6f5fc2) and of LM_WMI_4624_4688_TargetHost (six network logons: four from 10.0.2.17, one
 * from fe80::79bf:8ee2:433c:2567, one from ::1).
 */
class Machine_SessionsTest {
    static final String RUNAS = "evtx/evtx-to-mitre-attack/TA0004-Privilege_Escalation/T1134-Access_Token_Manipulation/"
            + "ID4688_4648_4624-Runas_execution_with_different_user.evtx";
    static final String WMI = "evtx/evtx-attack-samples/Lateral_Movement/LM_WMI_4624_4688_TargetHost.evtx";
    static TH th;

    @BeforeAll
    static void open() throws IOException {
        Path dir = Files.createTempDirectory("th-logon");
        Stores.deleteOnExit(dir);
        Path logons = copy("/dev/th/normalize/logon-hand-made.xml", dir.resolve("logons.xml"));
        Path ps = copy("/dev/th/normalize/ps-hand-made.xml", dir.resolve("ps.xml"));
        Path db = Stores.build("th-logon-db", List.of(logons, ps, SharedData.require(RUNAS), SharedData.require(WMI)));
        th = TH.open(Stores.source(db), Stores.CLOCK).defaultPeriod(TimePeriod.all());
    }

    @AfterAll
    static void close() {
        if (th != null) {
            th.close();
        }
    }

    private static Path copy(String resource, Path to) throws IOException {
        try (InputStream in = Machine_SessionsTest.class.getResourceAsStream(resource)) {
            Files.copy(in, to);
        }
        return to;
    }

    @Test
    void handMadeSessions_keyedByBootAndLogonId() {
        List<LogonSession> s = th.machine("HOST8").sessions().fetch().list();
        assertEquals(List.of("CORP\\alice", "CORP\\bob", "CORP\\carol"), s.stream().map(LogonSession::loggedUser).toList());
        LogonSession alice = s.get(0);
        assertEquals(Instant.parse("2024-04-01T10:00:00Z"), alice.end()); // no logoff: the shutdown ends it
        assertEquals("boot", alice.get("EndedBy"));
        assertEquals(false, alice.remote());
        LogonSession bob = s.get(1);
        assertEquals("0x5a1c9", bob.logonId()); // the filtered half of the UAC pair
        assertEquals("0x5a1b2", bob.linkedLogonId());
        assertEquals(true, bob.elevated());
        assertEquals(true, bob.remote());
        assertEquals("10", bob.logonType());
        assertEquals(Instant.parse("2024-04-01T09:30:01Z"), bob.end());
        assertEquals(5101L, bob.number("Seconds"));
        assertEquals(1L, bob.reconnects());
        assertEquals("10.0.0.51", bob.get("ReconnectedFrom"));
        LogonSession carol = s.get(2);
        assertEquals("0x5a1b2", carol.logonId()); // the same LogonId as bob's elevated half, in the next boot
        assertEquals(Instant.parse("2024-04-01T10:01:00Z"), carol.get("Boot"));
        assertNull(carol.end());
        assertEquals(true, carol.remote());
        assertEquals(List.of("CORP\\bob"), th.machine("HOST8").sessions().remote().type("10").fetch().list().stream()
                .map(LogonSession::loggedUser).toList());
        assertEquals(1, th.user("carol").sessions().fetch().size());
    }

    @Test
    void sessionProcesses_byLogonIdThenTheTree() {
        LogonSession bob = th.machine("HOST8").sessions().user("bob").fetch().get(0);
        // cmd.exe logs bob's LogonId; whoami.exe logs none and is reached through cmd.exe
        assertEquals(List.of("cmd.exe", "whoami.exe"), bob.processes().fetch().list().stream().map(Process::name).toList());
        LogonSession carol = th.machine("HOST8").sessions().user("carol").fetch().get(0);
        assertEquals(List.of("powershell.exe"), carol.processes().fetch().list().stream().map(Process::name).toList());
    }

    @Test
    void remoteSession_attributeWithItsEvidence() {
        Machine m = th.machine("HOST8");
        Hits<Process> remote = m.executions().attributes("ATTR_REMOTE").fetch();
        assertEquals(List.of("cmd.exe", "whoami.exe", "powershell.exe"), remote.list().stream().map(Process::name).toList());
        // whoami.exe logs no LogonId: its evidence is its parent's session
        assertEquals("0x5a1c9 type 10 from 10.0.0.50 (CORP\\bob, 2024-04-01 08:05:00)", remoteLogonOf("whoami.exe"));
        assertEquals("0x5a1b2 type 3 from 10.0.0.70 (CORP\\carol, 2024-04-01 10:05:00)", remoteLogonOf("powershell.exe"));
        // the file cmd.exe wrote is a row of a remote process
        assertEquals(List.of("out.txt"), m.files().attributes("ATTR_REMOTE").fetch().list().stream()
                .map(r -> r.text("ChildFilename")).toList());
        // notepad.exe ran in alice's console session: decided, not remote
        assertEquals(0, m.executions().attributes("ATTR_REMOTE").file("notepad.exe").fetch().size());
    }

    private static String remoteLogonOf(String name) {
        dev.th.query.Table t = th.session().run(dev.th.query.Query.from("events")
                .where(dev.th.query.Cond.and(List.of(dev.th.query.Cond.eq("ChildFilename", name), dev.th.query.Cond.eq("Family", "process"))))
                .select(dev.th.query.Expr.col("RemoteLogon"), "RemoteLogon"));
        return (String) t.rows().get(0)[0];
    }

    @Test
    void realLogons_runasPairAndNetworkLogons() {
        List<LogonSession> fs03 = th.machine("FS03").sessions().fetch().list();
        assertEquals(1, fs03.size()); // hack1's two logons are one UAC pair
        LogonSession hack1 = fs03.get(0);
        assertEquals("0xa6f5fc2", hack1.logonId());
        assertEquals("0xa6f5fa4", hack1.linkedLogonId()); // the one given special privileges (4672)
        assertEquals(true, hack1.elevated());
        assertEquals(false, hack1.remote()); // seclogo from ::1
        assertEquals(3L, hack1.number("Processes"));
        assertEquals(List.of("cmd.exe", "conhost.exe", "ctfmon.exe"),
                hack1.processes().fetch().list().stream().map(Process::name).toList());
        List<LogonSession> wmi = th.machine("WIN-77LTAPHIQ1R").sessions().fetch().list();
        assertEquals(6, wmi.size());
        assertEquals(5, wmi.stream().filter(s -> Boolean.TRUE.equals(s.remote())).count()); // all but the one from ::1
        assertEquals(4, th.machine("WIN-77LTAPHIQ1R").sessions().fetch().list().stream()
                .filter(s -> "10.0.2.17".equals(s.remoteIp())).count());
    }

    @Test
    void attempts_besideTheSessions() {
        Hits<Activity> attempts = th.machine("HOST8").logons().operation("failed", "explicit").fetch();
        assertEquals(List.of("CORP\\admin", "CORP\\svc_sql"), attempts.list().stream().map(Activity::loggedUser).toList());
        assertEquals("0xc0000064 user name does not exist", attempts.get(0).get("ObjectState"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> th.machine("HOST8").logons().operation("rdp"));
        assertTrue(e.getMessage().contains("rdp-logon"), e.getMessage());
    }

    @Test
    void scripts_splitBlocksJoined_missingPartsNamed() throws IOException {
        List<Activity> blocks = th.machine("MSEDGEWIN10").scripts().operation("scriptblock").fetch().list();
        assertEquals(2, blocks.size());
        Activity whole = blocks.get(0);
        // the text of the real, unsplit record, as the EVTX reader reads it from the sample
        String real = realScriptBlock();
        String joined = whole.commandLine();
        int at = 0;
        while (at < Math.min(real.length(), joined.length()) && real.charAt(at) == joined.charAt(at)) {
            at++;
        }
        final int diff = at;
        assertEquals(real, joined, () -> "lengths " + real.length() + " / " + joined.length() + ", first difference at " + diff
                + (diff < real.length() ? " real " + (int) real.charAt(diff) : "") + (diff < joined.length() ? " joined " + (int) joined.charAt(diff) : ""));
        assertEquals(3L, whole.number("Parts"));
        assertNull(whole.get("MissingParts"));
        assertEquals("2", blocks.get(1).get("MissingParts"));
        assertEquals(List.of("engine-start", "pipeline", "engine-stop"), th.machine("MSEDGEWIN10").scripts()
                .operation("engine-start", "pipeline", "engine-stop").fetch().list().stream().map(Activity::operation).toList());
        assertEquals(1, th.machine("MSEDGEWIN10").scripts().command("Get-Process lsass").operation("pipeline").fetch().size());
        // the host's file: the classic log's three rows name it (a 4104 logs only the host's pid)
        assertEquals(3, th.machine("MSEDGEWIN10").scripts().file("powershell.exe").fetch().size());
        // the blocks a process hosted: by its pid within its lifetime
        Process host = th.machine("MSEDGEWIN10").processes().file("powershell.exe").fetch().get(0);
        assertEquals(List.of("27f08bda-c330-419f-b83b-eb5c0f699930", "5b1e2c3d-0000-4000-8000-000000000042"),
                host.scripts().fetch().list().stream().map(Activity::objectName).toList());
    }

    private static String realScriptBlock() throws IOException {
        Path sample = SharedData.require("evtx/evtx-attack-samples/Credential_Access/Powershell_4104_MiniDumpWriteDump_Lsass.evtx");
        String[] text = new String[1];
        try (InputStream in = Files.newInputStream(sample)) {
            new dev.th.evtx.EvtxReader().read(in, sample.toString(), "x", new dev.th.event.EventSink() {
                @Override
                public void accept(dev.th.event.RawEvent e) {
                    if (e.eventId() == 4104) {
                        text[0] = e.field("ScriptBlockText");
                    }
                }

                @Override
                public void reject(long offset, long records, String reason) {
                    throw new AssertionError(reason);
                }
            });
        }
        assertTrue(text[0] != null && text[0].length() > 1000, "the sample's 4104");
        return text[0];
    }
}
