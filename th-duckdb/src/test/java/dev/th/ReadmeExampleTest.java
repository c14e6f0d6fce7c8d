package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.fixture.Stores;
import java.nio.file.Path;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

/** The README's Java API example, run on the OTRF store (only the data directory differs). */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleRuns() {
        Path dataDir = Stores.otrfDir();
        try (TH th = TH.open(dataDir)) {
            th.defaultPeriod(TimePeriod.all());
            Machine m = th.machine("WORKSTATION5");
            Hits<Process> hits = m.executions()
                    .operation(Operation.Process.CREATE).command("T1055")
                    .fetch();
            DataFrame df = hits.frame();
            // PurpleSharp.exe /t T1055.002, in Sysmon 1 and Security 4688: one process, whose tree is the
            // chain PurpleSharp -> notepad -> PING -> conhost
            assertEquals(1, df.height());
            for (Process p : hits) {
                assertEquals(java.util.List.of("PurpleSharp.exe", "notepad.exe", "PING.EXE", "conhost.exe"),
                        p.executionTree().frame().getColumn("ChildFilename").toList());
            }
            // the Security log's WFP connections to 168.63.129.16:80: wasecagentprov.exe 6980,
            // windowsazureguestagent.exe 3428 (three times), waappagent.exe 3304
            assertEquals(3, m.communications().ipType(IpType.PUBLIC).top(10).frame().height());
            DataFrame h = m.executions().histogram(Histogram.byHour().split("ChildFilename", 5)).frame();
            assertTrue(h.height() > 0);
            assertTrue(m.timetable(TimePeriod.parse("2020-10-18..2020-10-23")).height() > 0);
        }
    }
}
