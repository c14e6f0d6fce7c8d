package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.th.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StartedBy / StartedFor (dev.th.store.link.Starters) and the new families in the store: the real
 * PsExec sample (counted by hand from its records: 4 pipes created by PSEXESVC.exe, 4 connected,
 * cmd.exe started by PSEXESVC.exe) and hand-made events of a service, a task and a WMI consumer
 * with the processes they start (fam-hand-made.xml of th-core, fam-processes.xml here).
 */
class Store_StartersTest {
    static final String PSEXEC = "evtx/evtx-to-mitre-attack/EVTX_full_APT_attack_steps/ID11_13_17_18-PSexec_as_system_execution.evtx";

    @TempDir
    Path dir;

    private Path resource(String name, String as) throws IOException {
        Path out = dir.resolve(as);
        try (InputStream in = Store_StartersTest.class.getResourceAsStream(name)) {
            Files.copy(in, out);
        }
        return out;
    }

    private static Map<String, String> pairs(DuckDbStore store, String sql) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void psexec_pipesAndTheProcessPsexesvcStarted() throws SQLException {
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("db"))) {
            Ingest_RealDataTest.ingest(store, List.of(SharedData.require(PSEXEC)));
            assertEquals(8, Ingest_RealDataTest.count(store, "SELECT count(*) FROM events WHERE Family = 'pipe'"));
            assertEquals(Map.of("created", "4", "connected", "4"), pairs(store,
                    "SELECT Operation, CAST(count(*) AS VARCHAR) FROM events WHERE Family = 'pipe' GROUP BY 1"));
            // the four pipes PSEXESVC.exe created: its own and the stdin/stdout/stderr of PsExec's session 2124
            assertEquals(Map.of("\\PSEXESVC", "PSEXESVC.exe", "\\PSEXESVC-FS03VULN-2124-stdin", "PSEXESVC.exe",
                    "\\PSEXESVC-FS03VULN-2124-stdout", "PSEXESVC.exe", "\\PSEXESVC-FS03VULN-2124-stderr", "PSEXESVC.exe"),
                    pairs(store, "SELECT ObjectName, ParentFilename FROM events WHERE Family = 'pipe' AND Operation = 'created'"));
            // the other ends: PsExec64.exe connected to the three session pipes, System to \PSEXESVC
            assertEquals(3, Ingest_RealDataTest.count(store, "SELECT count(*) FROM events WHERE Family = 'pipe' "
                    + "AND Operation = 'connected' AND ParentFilename = 'PsExec64.exe' AND ObjectName LIKE '\\PSEXESVC-FS03VULN-2124-%'"));
            // cmd.exe (of 2 Sysmon 1) was started by PSEXESVC.exe; PsExec64.exe by the user's shell
            assertEquals(Map.of("cmd.exe", "psexec PSEXESVC"), pairs(store, "SELECT ChildFilename, StartedBy || ' ' || StartedFor "
                    + "FROM events WHERE StartedBy IS NOT NULL"));
            // the service's registry keys: Start and ImagePath under Services\PSEXESVC, written by services.exe
            // (the record holds %%SystemRoot%%\PSEXESVC.exe; the EVTX reader gives its pieces joined by ", ")
            assertEquals(Map.of("ImagePath", "services.exe", "Start", "services.exe"), pairs(store,
                    "SELECT Value, ParentFilename FROM events WHERE Family = 'registry' AND Key LIKE '%\\Services\\PSEXESVC'"));
            assertEquals(1, Ingest_RealDataTest.count(store, "SELECT count(*) FROM events WHERE Value = 'ImagePath' "
                    + "AND ValueData LIKE '%\\PSEXESVC.exe'"));
        }
    }

    @Test
    void handMade_serviceTaskAndWmiStartersNamed() throws Exception {
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("db"))) {
            Path families = resource("/dev/th/normalize/fam-hand-made.xml", "families.xml");
            Path processes = resource("fam-processes.xml", "processes.xml");
            Ingest_RealDataTest.ingest(store, List.of(families, processes));
            assertEquals(Map.of("service", "4", "task", "6", "wmi", "2"), pairs(store,
                    "SELECT Family, CAST(count(*) AS VARCHAR) FROM events WHERE Family IN ('service', 'task', 'wmi', 'pipe') GROUP BY 1"));
            assertEquals(Map.of("svc.exe", "service UpdaterSvc", "upd.exe", "task \\Updater", "wmi.exe", "wmi BootRun",
                    "svchost.exe", "service -", "notepad.exe", "- -"), pairs(store,
                    "SELECT ChildFilename, coalesce(StartedBy, '-') || ' ' || coalesce(StartedFor, '-') FROM events "
                            + "WHERE Family = 'process'"));
        }
    }
}
