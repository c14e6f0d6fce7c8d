package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Client, User and File pivots across the two machines of the test store. */
class Client_PivotsTest extends OtrfStoreTest {

    static List<String> names(Hits<Machine> h) {
        return h.list().stream().map(Machine::name).toList();
    }

    @Test
    void clientMachinesAndFleetQuestions() {
        Client c = th.client("default");
        assertEquals(List.of("default"), th.clients().stream().map(Client::id).toList());
        assertEquals(List.of("MKT01.pandalab.com", "WORKSTATION5"), names(c.machines()));
        // Sysmon 1 creations: WORKSTATION5 7, MKT01 269; each 4688 (7 and 53) is the same creation as one of them
        assertEquals(7 + 269, c.executions().operation(Operation.Process.CREATE).fetch().size());
        // Sysmon 3 of MKT01 140; Security 5156 of MKT01 177, of WORKSTATION5 12 + 3
        assertEquals(140 + 177 + 15, c.communications().fetch().size());
        // MKT01's 98 Sysmon 28 (its 2 Sysmon 29 are detections, not blocks)
        assertEquals(98, c.blocked().fetch().size());
        assertEquals(0, th.client("nobody").executions().fetch().size());
        assertTrue(c.users().fetch().size() >= 4);
        assertEquals(0, c.ioas().fetch().size());
    }

    @Test
    void lookupsAcrossMachines() {
        Client c = th.client("default");
        assertEquals(List.of("MKT01.pandalab.com", "WORKSTATION5"), names(c.machinesWithFile("cmd.exe")));
        assertEquals(List.of("WORKSTATION5"), names(c.machinesWithFile("1ddcfc208163edfa63347d54b67ac30c")));
        assertEquals(List.of("MKT01.pandalab.com"), names(c.machinesWithIp("192.168.1.4")));
        assertEquals(List.of("WORKSTATION5"), names(c.machinesWithUser("wardog")));
        assertEquals(List.of("WORKSTATION5"), names(c.machinesWithCommand("comsvcs.dll MiniDump")));
        assertEquals(List.of(), names(c.machinesWithCommand("' OR 1=1 --")));
    }

    @Test
    void userAndFilePivots() {
        User u = th.user("stevie.marie");
        assertEquals(List.of("MKT01.pandalab.com"), names(u.machines()));
        assertTrue(u.executions().operation(Operation.Process.CREATE).fetch().size() > 0);
        File f = th.file("PurpleSharp.exe");
        assertEquals(List.of("WORKSTATION5"), names(f.machines()));
        assertEquals(1, f.executions().operation(Operation.Process.CREATE).fetch().size());
        // the 4688 of the same creation (5 ms before Sysmon 1) is still an event that saw the file;
        // TimeCreated 03:12:04.346Z is the local time: Sysmon's UtcTime puts the input's clock at +04:00
        assertEquals("2020-10-23T07:12:04.346Z", f.firstSeen().toString());
        assertEquals(0, f.detections().fetch().size());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> File.of("x.exe").machines());
        assertTrue(e.getMessage().contains("th.file"), e.getMessage());
    }
}
