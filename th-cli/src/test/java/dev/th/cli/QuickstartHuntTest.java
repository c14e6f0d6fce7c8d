package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.hunt.ioa.Ioa;
import java.nio.file.Path;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code th quickstart} ends with the IoAs of TH's rule pack, which the API's get_ioas then reads. */
@ExtendWith(ThHome.class)
class QuickstartHuntTest {
    @TempDir
    Path dir;

    @Test
    void quickstartEndsWithTheSamplesIoAs() {
        Run r = Run.th("quickstart", "--no-geoip", "--db", dir.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Hunting with TH's rule pack (26 rules) over 1020 events: 21 IoAs (21 new)"), r.out());
        assertTrue(r.out().contains("LSASS dump through comsvcs.dll MiniDump"), r.out());
        Run again = Run.th("quickstart", "--no-geoip", "--db", dir.toString());
        assertTrue(again.out().contains("21 IoAs (0 new)"), again.out());

        try (TH th = TH.open(dir)) {
            DataFrame ioas = th.client("default").machine("WORKSTATION5").ioas().period(TimePeriod.all()).frame();
            // WORKSTATION5 holds both OTRF zips: 7 IoAs of the LSASS dump (the comsvcs.dll MiniDump rule
            // matches rundll32's Sysmon 1 and its Security 4688: one process, one IoA), 6 of the injection
            assertEquals(13, ioas.height());
            assertEquals(Ioa.SEED_COLUMNS, List.of(ioas.getColumnsIndex().toArray()));
            DataFrame psexec = th.client("default").machine("fs03vuln.offsec.lan").ioas().rules("psexec")
                    .period(TimePeriod.all()).frame();
            assertEquals(5, psexec.height(), "the five rules of the PsExec sample all name PsExec (case ignored)");
        }
    }
}
