package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.th.hunt.ioc.IocList;
import dev.th.ingest.Ingest;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IoC lists matched against the stored events, retro-actively and per input. */
class IocStoreTest {
    @TempDir
    Path dir;

    @Test
    void md5AndIpFromTheDataBecomeDetections() throws Exception {
        Path mshta = SharedData.require("evtx/evtx-attack-samples/Execution/exec_persist_rundll32_mshta_scheduledtask_sysmon_1_3_11.evtx");
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            try (Ingest ingest = Ingest.sequential(store, "default")) {
                ingest.run(List.of(Path.of("..", "samples", "evtx"), mshta), new Sources(), Readers.defaults());
            }
            IocStore iocs = new IocStore(store.connection());
            // PsExec64.exe of the PsExec sample (record 48593, Hashes MD5=9321C107...), and the first
            // address mshta.exe connected to (Sysmon 3, DestinationIp 108.179.232.58)
            IocList list = IocList.parse(List.of("md5:9321C107D1F7E336CDA550A2BF049108", "108.179.232.58",
                    "domain:example.invalid"), "test.txt");
            assertEquals(3, iocs.load(list, Instant.now()));
            assertEquals(0, iocs.load(list, Instant.now()), "loading the same list again adds nothing");
            assertEquals(2, iocs.match(null));
            assertEquals(0, iocs.match(null), "matching again stores nothing twice");
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT WinningTech, DetectionId, Action, MatchedColumn, ChildPath, "
                         + "ParentFilename, MachineName, RecordId FROM ioc_detections ORDER BY DetectionId")) {
                rs.next();
                assertEquals("IoC", rs.getString(1));
                assertEquals("ip:108.179.232.58", rs.getString(2));
                assertEquals("alert", rs.getString(3));
                assertEquals("RemoteIp", rs.getString(4));
                assertEquals("mshta.exe", rs.getString(6));
                rs.next();
                assertEquals("md5:9321c107d1f7e336cda550a2bf049108", rs.getString(2));
                assertEquals("ChildMd5", rs.getString(4));
                assertEquals("C:\\TOOLS\\PsExec64.exe", rs.getString(5));
                assertEquals("fs03vuln.offsec.lan", rs.getString(7));
                assertEquals(48593, rs.getLong(8));
                assertEquals(false, rs.next());
            }
        }
    }
}
