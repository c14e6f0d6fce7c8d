package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.fixture.Stores;
import org.junit.jupiter.api.Test;

/**
 * Silent empties (issue 8, item 13): an empty answer that no data could have filled says why.
 * FS03 (the runas sample: Security 4688, 4624, 4648, 4672, 1102 only) has no network event; no
 * event of the test stores has a kind or an attribute, as nothing sets them yet; MKT01 has 140
 * Sysmon 3, none with remote address 8.8.8.8 (an empty answer that data could have filled).
 */
class Answers_NoDataTest extends OtrfStoreTest {

    @Test
    void communicationsOfAMachineWithoutNetworkEvents() {
        try (TH evtx = Stores.openEvtx()) {
            Hits<Connection> none = evtx.machine("FS03").communications().fetch();
            assertTrue(none.isEmpty());
            String why = none.emptyBecause().orElseThrow();
            assertTrue(why.contains("machine FS03.offsec.lan has no network events") && why.contains("no data, not no activity"),
                    why);
            // the same for a histogram, and for a process of that machine
            assertTrue(evtx.machine("FS03").communications().histogram(Histogram.byDay()).fetch().emptyBecause()
                    .orElseThrow().contains("has no network events"));
            Process cmd = evtx.machine("FS03").processes().file("cmd.exe").fetch().get(0);
            assertTrue(cmd.communications().fetch().emptyBecause().orElseThrow().contains("machine FS03.offsec.lan has no"));
        }
    }

    @Test
    void aFilterOnAValueNoEventCarries() {
        Machine ws5 = th.machine("WORKSTATION5");
        Hits<Process> kind = ws5.executions().kind(Kind.USERALLOWED).fetch();
        assertTrue(kind.isEmpty());
        assertTrue(kind.emptyBecause().orElseThrow().contains("the allow list is empty"), kind.emptyBecause().get());
        Hits<Process> attr = ws5.executions().attributes(Attribute.ATTR_LANSHARED).fetch();
        assertTrue(attr.emptyBecause().orElseThrow().contains("carries [ATTR_LANSHARED]"), attr.emptyBecause().get());
        // MKT01's logons decide RemoteSession for its processes; WORKSTATION5's Security log has no 4624
        Hits<Process> remote = ws5.executions().attributes(Attribute.ATTR_REMOTE).fetch();
        assertTrue(remote.emptyBecause().orElseThrow().contains("is decided remote or local"), remote.emptyBecause().toString());
        assertTrue(th.machine("MKT01").executions().attributes(Attribute.ATTR_REMOTE).fetch().emptyBecause().isEmpty());
    }

    @Test
    void anEmptyAnswerDataCouldHaveFilledSaysNothing() {
        Hits<Connection> none = th.machine("MKT01").communications().ips("8.8.8.8").fetch();
        assertTrue(none.isEmpty());
        assertEquals(java.util.Optional.empty(), none.emptyBecause());
        // PurpleSharp made no connection, but its machine has network events... only in the Security
        // log's WFP events once they are mapped; until then the machine has none, and the answer says so
        Process purple = th.machine("WORKSTATION5").processes().file("PurpleSharp.exe").fetch().get(0);
        Hits<Connection> net = purple.communications().fetch();
        assertTrue(net.isEmpty());
        boolean wfpMapped = !th.machine("WORKSTATION5").communications().fetch().isEmpty();
        assertEquals(!wfpMapped, net.emptyBecause().isPresent(), net.emptyBecause().toString());
    }
}
