package dev.th.hunt.ioa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.hunt.RuleInfo;
import dev.th.hunt.RuleSet;
import dev.th.normalize.Normalizer;
import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TH's own rule pack on the samples the project ships, and on other real logs of
 * ../shared/data. Every expected count was checked record by record (evtxexport for the EVTX
 * files, the JSON lines for the OTRF zips); the records are listed in the pack's README.
 */
class RulePackTest {
    static RuleSet pack;

    @BeforeAll
    static void load() {
        pack = PackHunts.pack();
    }

    @Test
    void everyRuleOfTheIndexLoads() {
        assertEquals(List.of(), pack.problems());
        assertEquals(new TreeSet<>(RulePack.names()), new TreeSet<>(pack.loaded().stream()
                .map(r -> RulePack.label(r.source()).substring(RulePack.LABEL.length())).toList()));
        assertEquals(26, pack.loaded().size());
        for (RuleInfo r : pack.loaded()) {
            assertEquals("TH project", r.author(), r.title());
            assertTrue(!MitreCatalog.techniqueIds(r.tags()).isEmpty(), r.title() + " names no ATT&CK technique");
            for (String id : MitreCatalog.techniqueIds(r.tags())) {
                assertTrue(MitreCatalog.shared().name(id) != null, r.title() + ": " + id + " is not in ATT&CK v18.1");
            }
        }
    }

    @Test
    void psexecSample() {
        List<Ioa> ioas = PackHunts.hunt(pack, List.of(PackHunts.samples("evtx/ID11_13_17_18-PSexec_as_system_execution.evtx")));
        assertEquals(Map.of(
                "th_proc_creation_psexec_tool.yml", 1,          // 48593 PsExec64.exe -i -s cmd
                "th_file_event_psexesvc_dropped.yml", 1,        // 48595 C:\Windows\PSEXESVC.exe
                "th_registry_set_psexec_service.yml", 1,        // 48597 ...\Services\PSEXESVC\ImagePath
                "th_pipe_created_psexec.yml", 1,                // 48598 CreatePipe \PSEXESVC
                "th_proc_creation_psexesvc_child.yml", 1),      // 48606 cmd.exe as SYSTEM
                PackHunts.byRuleFile(ioas));
        Ioa child = ioas.stream().filter(a -> a.eventRef().endsWith("#48606")).findFirst().orElseThrow();
        assertEquals("Process started by the PsExec service", child.huntingRule());
        assertEquals("high", child.severity());
        assertEquals(8, child.weight());
        assertEquals(false, child.critical());
        assertEquals("T1569.002 Service Execution; T1543.003 Windows Service", child.mitre());
        assertEquals(Normalizer.muid("default", "fs03vuln.offsec.lan"), child.muid());
        assertEquals("new", child.status());
        assertEquals("TH project", child.ruleAuthor());
    }

    @Test
    void runasSample() {
        List<Ioa> ioas = PackHunts.hunt(pack, List.of(PackHunts.samples("evtx/ID4688_4648_4624-Runas_execution_with_different_user.evtx")));
        assertEquals(Map.of(
                "th_security_audit_log_cleared.yml", 1,             // 469345 (1102)
                "th_security_runas_other_user.yml", 1,              // 469346 runas /user:offsec\hack1 cmd.exe
                "th_security_explicit_credentials_localhost.yml", 1), // 469347 (4648, TargetServerName localhost)
                PackHunts.byRuleFile(ioas));
    }

    @Test
    void lsassComsvcsSample() throws Exception {
        List<Ioa> ioas = PackHunts.hunt(pack, List.of(PackHunts.samples("json/psh_lsass_memory_dump_comsvcs.zip")));
        assertEquals(Map.of(
                "th_proc_access_lsass_credential_dump.yml", 2,  // lines 74 (0x1fffff), 76 (0x1410): rundll32 -> lsass
                "th_proc_creation_comsvcs_minidump.yml", 2,     // line 17 (Security 4688), line 107 (Sysmon 1)
                "th_file_event_lsass_dump_file.yml", 1,         // line 75 lsass-comsvcs.dmp
                "th_security_lsass_handle_request.yml", 2,      // lines 6 (0x1fffff), 9 (0x1410)
                "th_security_audit_log_cleared.yml", 1),        // line 36
                PackHunts.byRuleFile(ioas));
        Ioa dump = ioas.stream().filter(a -> a.eventRef().endsWith("#107")).findFirst().orElseThrow();
        assertEquals("LSASS dump through comsvcs.dll MiniDump", dump.huntingRule());
        assertEquals(true, dump.critical());
        assertEquals("critical", dump.severity());
        assertEquals(10, dump.weight());
        assertEquals("T1003.001 LSASS Memory; T1218.011 Rundll32", dump.mitre());
        JsonNode d = new ObjectMapper().readTree(dump.details());
        assertEquals("TH project", d.path("rule").path("author").asText());
        assertEquals(dump.ruleId(), d.path("rule").path("id").asText());
        assertEquals("th-rules/th_proc_creation_comsvcs_minidump.yml", d.path("rule").path("source").asText());
        assertTrue(d.path("event").path("fields").path("CommandLine").asText().contains("comsvcs.dll MiniDump 756"));
        // lines 17 and 107 are the same second on the same machine: the later one counts the earlier
        Ioa sec = ioas.stream().filter(a -> a.eventRef().endsWith("#17")).findFirst().orElseThrow();
        assertEquals(1, sec.lastHourEvidenceCount() + dump.lastHourEvidenceCount());
    }

    @Test
    void injectionSample() {
        List<Ioa> ioas = PackHunts.hunt(pack, List.of(PackHunts.samples("json/purplesharp_pe_injection_createremotethread.zip")));
        assertEquals(Map.of(
                "th_create_remote_thread_shellcode.yml", 1,                 // line 239 PurpleSharp.exe -> notepad.exe
                "th_proc_access_injection_rights_from_user_folder.yml", 2,  // lines 214, 222 (0x1fffff, 0x143a)
                "th_security_audit_log_cleared.yml", 1,                     // line 1
                "th_system_event_log_cleared.yml", 2),                      // lines 691, 692 (System 104)
                PackHunts.byRuleFile(ioas));
    }

    @Test
    void allSamplesTogether() {
        List<Ioa> ioas = PackHunts.hunt(pack, List.of(PackHunts.samples("evtx"), PackHunts.samples("json")));
        assertEquals(22, ioas.size());
        assertEquals(3, ioas.stream().map(Ioa::muid).distinct().count()); // fs03vuln.offsec.lan, FS03.offsec.lan, WORKSTATION5 (both OTRF zips)
    }

    @Test
    void rulesSilentOnTheSamplesFireOnOtherRealLogs() {
        Path attacks = SharedData.require("evtx/evtx-attack-samples");
        List<Ioa> ioas = PackHunts.hunt(pack, List.of(attacks));
        assertEquals(Map.of(
                "th_registry_set_run_key.yml", 3,                  // Panache 3595 Run, 3602 RunOnceEx, 3607 RunOnce
                "th_proc_creation_schtasks_create.yml", 3,         // exec_persist schtasks /Create; Panache 4086, 4090
                "th_proc_creation_lolbin_download.yml", 3,         // exec_persist mshta https://; Panache 3655, 3660 bitsadmin
                "th_proc_access_lsass_credential_dump.yml", 2,     // mimikatz 4807; Panache 4112 powershell
                "th_ps_script_minidumpwritedump.yml", 1,           // Powershell_4104 record 971
                "th_create_remote_thread_shellcode.yml", 1),       // apt10 jjs.exe from a user folder
                PackHunts.byRuleFile(ioas));
        Path reg = SharedData.require("sigma-regression");
        List<Ioa> downloads = PackHunts.hunt(pack, List.of(reg.resolve("proc_creation_win_bitsadmin_download_direct_ip"),
                reg.resolve("proc_creation_win_certutil_download_direct_ip"), reg.resolve("proc_creation_win_curl_download_direct_ip_exec")));
        // each pair holds its log twice (EVTX and evtx_dump JSON): two IoAs per pair
        assertEquals(Map.of("th_proc_creation_lolbin_download.yml", 6), PackHunts.byRuleFile(downloads));
        // logging tampered with: SigmaHQ's Sysmon configuration change sample (one Sysmon 16, EVTX and JSON)
        List<Ioa> tampering = PackHunts.hunt(pack, List.of(reg.resolve("sysmon_config_modification")));
        assertEquals(Map.of("th_sysmon_config_changed.yml", 2), PackHunts.byRuleFile(tampering));
    }
}
