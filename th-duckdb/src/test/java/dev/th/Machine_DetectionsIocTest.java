package dev.th;

import dev.th.ask.SeedColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.th.fixture.Stores;
import dev.th.hunt.ioc.IocList;
import dev.th.store.DuckDbStore;
import dev.th.store.IocStore;
import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code get_detections} answers IoC matches beside the events' own detections. */
class Machine_DetectionsIocTest {

    @Test
    void iocMatchesAreDetectionsOfTheirMachine() throws Exception {
        Path evtx = SharedData.require("evtx/evtx-to-mitre-attack/EVTX_full_APT_attack_steps/ID11_13_17_18-PSexec_as_system_execution.evtx");
        Path dir = Stores.build("th-ioc-detections", List.of(evtx));
        String md5 = "9321c107d1f7e336cda550a2bf049108"; // PsExec64.exe of this sample (Sysmon 1, record 48593)
        long expected;
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            try (Statement st = store.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM events WHERE lower(ChildMd5) = '" + md5
                            + "' OR lower(ParentMd5) = '" + md5 + "'")) {
                rs.next();
                expected = rs.getLong(1);
            }
            IocStore iocs = new IocStore(store.connection());
            iocs.load(IocList.parse(List.of("md5:" + md5.toUpperCase()), "test.txt"), Instant.now());
            assertEquals(expected, iocs.match(null));
        }
        // the sample holds one creation of PsExec64.exe (Sysmon 1) and six actions of that process
        // (Sysmon 13, 11 and 22, and its three pipe connections, Sysmon 18, by its ProcessGuid),
        // which know its MD5 from the creation
        assertEquals(7, expected, "PsExec64.exe's creation and its six actions");
        try (TH th = TH.open(Stores.source(dir), Stores.CLOCK).defaultPeriod(TimePeriod.all())) {
            Hits<Detect> hits = th.machine("fs03vuln.offsec.lan").detections().fetch();
            assertEquals(expected, hits.size());
            Detect d = hits.list().stream().filter(x -> "PsExec64.exe".equals(x.get("ChildFilename"))).findFirst()
                    .orElseThrow();
            assertEquals("IoC", d.get("WinningTech"));
            assertEquals("md5:" + md5, d.get("DetectionId"));
            assertEquals("PsExec64.exe", d.get("ChildFilename"));
            assertEquals(SeedColumns.DETECTIONS, List.of(hits.frame().getColumnsIndex().toArray()));
            assertEquals(0, th.machine("fs03vuln.offsec.lan").detections().users("nobody-here").fetch().size());
        }
    }
}
