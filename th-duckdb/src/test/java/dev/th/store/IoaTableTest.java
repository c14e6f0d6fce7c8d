package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import dev.th.hunt.RuleInfo;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaFactory;
import dev.th.hunt.ioa.IoaStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ioas table: columns, dedup, hunter changes surviving a reopen, evidence counts in SQL. */
class IoaTableTest {
    @TempDir
    Path dir;

    private static final RuleInfo RULE = new RuleInfo("0d9b1a4f-2a3c-4c59-9a0e-6c1f3f3e1a01",
            "PsExec service started a process", "high", "test",
            List.of("attack.execution", "attack.t1569.002", "attack.lateral-movement", "attack.t1021.002"),
            "TH project", List.of("https://learn.microsoft.com/sysinternals/downloads/psexec"), "desc", "pack/x.yml");

    /** Fields of record 48606 of the PsExec sample (cmd.exe started by PSEXESVC.exe), as read by evtxexport. */
    private static RawEvent event(long record, String time) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("EventID", "1");
        f.put("Image", "C:\\Windows\\System32\\cmd.exe");
        f.put("ParentImage", "C:\\Windows\\PSEXESVC.exe");
        f.put("User", "NT AUTHORITY\\SYSTEM");
        return new RawEvent(new SourceRef("samples/evtx/ID11_13_17_18-PSexec_as_system_execution.evtx",
                "2652560b4da35c983974408316b15a5932c6e69fa21a5193c769622874039886", 4096), record, Instant.parse(time),
                "Microsoft-Windows-Sysmon", "Microsoft-Windows-Sysmon/Operational", 1, "fs03vuln.offsec.lan", f);
    }

    private Connection open() throws Exception {
        return DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("th.duckdb"));
    }

    @Test
    void dedupStatusExcludedAndEvidenceSurviveReopening() throws Exception {
        IoaFactory factory = IoaFactory.standard();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        List<Ioa> batch = List.of(
                factory.create(RULE, List.of(event(48606, "2021-12-04T21:19:16.929Z")), "default", now),
                factory.create(RULE, List.of(event(48700, "2021-12-04T21:49:00Z")), "default", now),
                factory.create(RULE, List.of(event(48800, "2021-12-04T23:00:00Z")), "default", now));
        String first;
        try (Connection c = open()) {
            IoaTable t = new IoaTable(c);
            assertEquals(3, t.insert(batch));
            assertEquals(0, t.insert(batch), "the same hits again add nothing");
            assertEquals(0, t.insert(List.of(factory.create(RULE, List.of(event(48606, "2021-12-04T21:19:16.929Z")),
                    "default", now.plusSeconds(60)))));
            List<Ioa> all = t.list(IoaTable.IoaQuery.all());
            assertEquals(List.of(0, 1, 0), all.stream().map(Ioa::lastHourEvidenceCount).toList());
            first = all.get(0).id();
            assertTrue(t.setStatus(first, IoaStatus.INVESTIGATING));
            assertTrue(t.setExcluded(all.get(2).id(), true));
            assertFalse(t.setStatus("0000000000000000", IoaStatus.CLOSED));
        }
        try (Connection c = open()) {
            IoaTable t = new IoaTable(c);
            assertEquals(3, t.count());
            Ioa a = t.get(first);
            assertEquals("investigating", a.status());
            assertFalse(a.excluded());
            assertEquals(2, t.list(new IoaTable.IoaQuery(null, null, null, null, null, null, false)).size(),
                    "excluded IoAs are hidden unless asked for");
            assertEquals(0, t.insert(batch), "re-hunting after the restart adds nothing ...");
            assertEquals("investigating", t.get(first).status(), "... and keeps the hunter's status");
            assertEquals(1, t.list(new IoaTable.IoaQuery(null, null, null, null, null, IoaStatus.INVESTIGATING, true)).size());
            assertEquals(3, t.list(new IoaTable.IoaQuery("default", a.muid(), null, null, List.of("psexec service"), null, true)).size());
            assertEquals(0, t.list(new IoaTable.IoaQuery(null, null, null, null, List.of("mimikatz"), null, true)).size());

            // the seed's columns, as stored
            assertEquals(Instant.parse("2021-12-04T21:19:16.929Z"), a.alertDateTime());
            assertEquals("default", a.clientId());
            assertFalse(a.critical());
            assertEquals("PsExec service started a process", a.huntingRule());
            assertEquals(16, a.id().length());
            assertEquals("T1569.002 Service Execution; T1021.002 SMB/Windows Admin Shares", a.mitre());
            assertEquals(dev.th.normalize.Normalizer.muid("default", "fs03vuln.offsec.lan"), a.muid());
            assertEquals("high", a.severity());
            assertEquals(Instant.parse("2026-01-01T00:00:00Z"), a.timeStamp());
            assertEquals(8, a.weight());
            assertEquals("TH project", a.ruleAuthor());
            assertEquals("samples/evtx/ID11_13_17_18-PSexec_as_system_execution.evtx#48606", a.eventRef());
            JsonNode details = new ObjectMapper().readTree(a.details());
            assertEquals("TH project", details.path("rule").path("author").asText());
            assertEquals(RULE.id(), details.path("rule").path("id").asText());
            assertEquals("https://learn.microsoft.com/sysinternals/downloads/psexec", details.path("rule").path("references").path(0).asText());
            assertEquals("C:\\Windows\\PSEXESVC.exe", details.path("event").path("fields").path("ParentImage").asText());
        }
    }

    @Test
    void idsDifferByClientRuleAndRecord() {
        IoaFactory f = IoaFactory.standard();
        Instant now = Instant.now();
        String a = f.create(RULE, List.of(event(1, "2021-01-01T00:00:00Z")), "default", now).id();
        assertEquals(a, f.create(RULE, List.of(event(1, "2021-01-01T00:00:00Z")), "default", now.plusSeconds(5)).id());
        assertNotEquals(a, f.create(RULE, List.of(event(2, "2021-01-01T00:00:00Z")), "default", now).id());
        assertNotEquals(a, f.create(RULE, List.of(event(1, "2021-01-01T00:00:00Z")), "acme", now).id());
    }

    /** A rule without author, tags or machine: its IoA's empty columns stay null, in a batch of several vectors. */
    @Test
    void nullColumnsAndLargeBatchesRoundTrip() throws Exception {
        RuleInfo bare = new RuleInfo("5b1f0c7e-4d2a-4f6b-8e3c-2a9d7c1b0e11", "Bare rule", "low", "test", List.of(),
                null, List.of(), null, "x.yml");
        IoaFactory factory = IoaFactory.standard();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        List<Ioa> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Ioa a = factory.create(bare, List.of(event(100_000 + i, "2021-12-04T21:19:16.929Z")), "default", now);
            batch.add(new Ioa(a.alertDateTime(), a.clientId(), a.critical(), a.details(), a.excluded(), a.huntingRule(),
                    a.id(), a.lastHourEvidenceCount(), null, a.muid(), a.severity(), a.status(), a.timeStamp(), a.weight(),
                    a.ruleId(), a.ruleTitle(), null, a.eventRef(), null, null, a.recordId()));
        }
        try (Connection c = open()) {
            IoaTable t = new IoaTable(c);
            assertEquals(5000, t.insert(batch));
            assertEquals(5000, t.count());
            Ioa back = t.get(batch.get(4321).id());
            assertEquals(104_321, back.recordId());
            assertEquals(null, back.mitre());
            assertEquals(null, back.ruleAuthor());
            assertEquals(null, back.machineName());
            assertEquals(null, back.sourceHash());
            assertEquals("Bare rule", back.huntingRule());
            assertEquals(Instant.parse("2021-12-04T21:19:16.929Z"), back.alertDateTime());
            assertEquals(4999, back.lastHourEvidenceCount(), "the other 4,999 hits of the rule on the machine in the hour");
        }
    }
}
