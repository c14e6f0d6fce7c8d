package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import dev.th.fixture.Stores;
import dev.th.hunt.RuleInfo;
import dev.th.hunt.ioa.IoaFactory;
import dev.th.store.IoaTable;
import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Machine.ioas() (get_ioas) over the hunting issue's ioas table: a store of the PsExec sample
 * (fs03vuln.offsec.lan) with IoAs of two rules written through IoaTable on its events (record
 * 48606 is cmd.exe started by PSEXESVC.exe at 2021-12-04T21:19:16.929Z, as evtxexport shows).
 */
class Machine_IoasTest {

    static RawEvent event(long record, String time) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("EventID", "1");
        f.put("Image", "C:\\Windows\\System32\\cmd.exe");
        f.put("ParentImage", "C:\\Windows\\PSEXESVC.exe");
        return new RawEvent(new SourceRef("ID11_13_17_18-PSexec_as_system_execution.evtx",
                "2652560b4da35c983974408316b15a5932c6e69fa21a5193c769622874039886", 4096), record, Instant.parse(time),
                "Microsoft-Windows-Sysmon", "Microsoft-Windows-Sysmon/Operational", 1, "fs03vuln.offsec.lan", f);
    }

    static RuleInfo rule(String id, String title, String level) {
        return new RuleInfo(id, title, level, "test", List.of("attack.execution", "attack.t1569.002"),
                "TH project", List.of(), "desc", "pack/x.yml");
    }

    @Test
    void ioasOfTheMachineFilteredByRuleAndPeriod() throws Exception {
        Path evtx = SharedData.require("evtx/evtx-to-mitre-attack/EVTX_full_APT_attack_steps/ID11_13_17_18-PSexec_as_system_execution.evtx");
        Path dir = Stores.build("th-ioas", List.of(evtx));
        IoaFactory factory = IoaFactory.standard();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("th.duckdb"))) {
            IoaTable t = new IoaTable(c);
            assertEquals(3, t.insert(List.of(
                    factory.create(rule("0d9b1a4f-2a3c-4c59-9a0e-6c1f3f3e1a01", "PsExec service started a process", "high"),
                            List.of(event(48606, "2021-12-04T21:19:16.929Z")), "default", now),
                    factory.create(rule("0d9b1a4f-2a3c-4c59-9a0e-6c1f3f3e1a02", "Command shell as SYSTEM", "medium"),
                            List.of(event(48606, "2021-12-04T21:19:16.929Z")), "default", now),
                    factory.create(rule("0d9b1a4f-2a3c-4c59-9a0e-6c1f3f3e1a01", "PsExec service started a process", "high"),
                            List.of(event(48700, "2021-12-05T01:00:00Z")), "default", now))));
        }
        try (TH th = TH.open(Stores.source(dir), Stores.CLOCK).defaultPeriod(TimePeriod.all())) {
            Machine m = th.machine("fs03vuln");
            Hits<IoA> all = m.ioas().fetch();
            assertEquals(3, all.size());
            assertEquals(List.of("alertDateTime", "clientId", "critical", "details", "excluded", "huntingRule", "id",
                    "lastHourEvidenceCount", "mitre", "muid", "severity", "status", "timeStamp", "weight"),
                    List.of(all.frame().getColumnsIndex().toArray()));
            for (IoA i : all) {
                assertEquals(m.muid(), i.muid());
                assertEquals("default", i.clientId());
                assertTrue(i.mitre().contains("T1569.002"), i.mitre());
            }
            assertEquals(2, m.ioas().rules("psexec").fetch().size());
            assertEquals(3, m.ioas().rules("PsExec", "SYSTEM").fetch().size());
            assertEquals(0, m.ioas().rules("' OR 1=1 --").fetch().size());
            assertEquals(2, m.ioas().period("2021-12-04").fetch().size());
            assertEquals(3, th.client("default").ioas().fetch().size());
            assertEquals(0, th.client("other").ioas().fetch().size());
        }
    }
}
