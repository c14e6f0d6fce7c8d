package dev.th.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.hunt.match.LogSourceTable;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The log-source and field-name tables in the resources, and how the matcher uses them. */
class LogSourceTableTest {
    final LogSourceTable table = LogSourceTable.standard();

    @Test
    void everyWindowsCategoryAndServiceTheBriefNamesIsFed() {
        for (String c : List.of("process_creation", "network_connection", "file_event", "file_delete", "file_change",
                "registry_add", "registry_set", "registry_delete", "registry_rename", "registry_event", "image_load",
                "create_remote_thread", "process_access", "process_termination", "dns_query", "ps_script", "ps_module",
                "ps_classic_start", "pipe_created", "driver_load", "wmi_event", "raw_access_thread", "create_stream_hash",
                "sysmon_status")) {
            assertFalse(table.categories().getOrDefault(c, List.of()).isEmpty(), c);
        }
        for (String s : List.of("security", "system", "application", "windefend", "powershell", "powershell-classic",
                "sysmon", "taskscheduler", "wmi", "bits-client", "dns-server")) {
            assertFalse(table.services().getOrDefault(s, List.of()).isEmpty(), s);
        }
        assertTrue(table.unsupported().containsKey("file_access"));
    }

    @Test
    void tableRowsAreWellFormed() {
        table.categories().forEach((name, feeds) -> feeds.forEach(f -> {
            assertEquals(f.channel(), f.channel().toLowerCase(), name);
            assertFalse(f.channel().isBlank(), name);
            assertTrue(f.eventIds() == null || f.eventIds().stream().allMatch(id -> id > 0 && id < 65536), name);
        }));
        assertEquals(Set.of(1), table.categories().get("process_creation").get(0).eventIds());
        assertEquals("security|4688", table.allAliases().keySet().iterator().next());
        assertEquals("NewProcessName", table.aliases("SECURITY", 4688).get("Image"));
    }

    @Test
    void channelComparesCaseInsensitively() {
        String rule = TestRules.procRule("    selection:\n        Image|endswith: '\\evil.exe'\n    condition: selection");
        assertTrue(TestRules.fires(rule, TestRules.event("microsoft-windows-sysmon/operational", 1, Instant.EPOCH,
                "Image", "C:\\evil.exe")));
        assertFalse(TestRules.fires(rule, TestRules.event("Microsoft-Windows-Sysmon/Operational", 3, Instant.EPOCH,
                "Image", "C:\\evil.exe")));
    }

    @Test
    void securityProcessCreationUsesTheTaxonomyNames() {
        String rule = TestRules.procRule("    selection:\n        Image|endswith: '\\evil.exe'\n"
                + "        ParentImage|endswith: '\\cmd.exe'\n    condition: selection");
        assertTrue(TestRules.fires(rule, TestRules.event("Security", 4688, Instant.EPOCH, "NewProcessName",
                "C:\\evil.exe", "ParentProcessName", "C:\\Windows\\cmd.exe")));
        assertFalse(TestRules.fires(rule, TestRules.event("Security", 4688, Instant.EPOCH, "NewProcessName",
                "C:\\good.exe", "ParentProcessName", "C:\\Windows\\cmd.exe")));
    }

    @Test
    void registryAddOnlyTakesCreateKey() {
        String rule = TestRules.procRule("    selection:\n        TargetObject|contains: '\\Run'\n    condition: selection")
                .replace("process_creation", "registry_add");
        assertTrue(TestRules.fires(rule, TestRules.event("Microsoft-Windows-Sysmon/Operational", 12, Instant.EPOCH,
                "EventType", "CreateKey", "TargetObject", "HKLM\\Software\\Run")));
        assertFalse(TestRules.fires(rule, TestRules.event("Microsoft-Windows-Sysmon/Operational", 12, Instant.EPOCH,
                "EventType", "DeleteKey", "TargetObject", "HKLM\\Software\\Run")));
        assertNotNull(table.categories().get("registry_delete"));
    }
}
