package dev.th.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.store.DuckDbStore;
import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetGeneratorTest {

    @Test
    void makesTheAskedNumberOfEventsOverDistinctMachinesAndReusesTheStore(@TempDir Path dir) throws Exception {
        Path data = SharedData.require("otrf");
        FleetTemplates t = FleetTemplates.read(List.of(data, SharedData.require("evtx")));
        LocalDate last = LocalDate.of(2025, 6, 30);
        FleetGenerator g = new FleetGenerator(t, 6, 400, last);
        FleetGenerator.Fleet f = g.ensure(dir, 6_000, 2);
        assertFalse(f.reused());
        assertEquals(6_000, f.events());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStore.FILE_NAME));
                Statement st = c.createStatement()) {
            assertEquals(6_000, one(st, "SELECT count(*) FROM events"));
            assertEquals(6, one(st, "SELECT count(DISTINCT MachineName) FROM events"));
            assertEquals(2, one(st, "SELECT count(DISTINCT ClientId) FROM events"));
            assertEquals(0, one(st, "SELECT count(*) FROM events WHERE MachineName = 'MKT01.pandalab.com'"));
            // fresh GUIDs per machine day: no process GUID is seen on two machines
            assertEquals(0, one(st, "SELECT count(*) FROM (SELECT ChildGuid FROM events WHERE ChildGuid IS NOT NULL "
                    + "GROUP BY 1 HAVING count(DISTINCT Muid) > 1)"));
            // chains still join: some creations have their parent's creation in the same store
            assertTrue(one(st, "SELECT count(*) FROM events k JOIN events p ON p.ChildGuid = k.ParentGuid "
                    + "AND p.Muid = k.Muid WHERE k.Family = 'process' AND k.Operation = 'create' "
                    + "AND p.Family = 'process' AND p.Operation = 'create'") > 0);
            assertEquals(f.firstDay().toEpochDay(), one(st, "SELECT min(Date) - DATE '1970-01-01' FROM events"));
            assertEquals(f.lastDay().toEpochDay(), one(st, "SELECT max(Date) - DATE '1970-01-01' FROM events"));
            assertEquals(0, one(st, "SELECT count(*) FROM events WHERE Family IS NULL"));
        }
        FleetGenerator.Fleet again = g.ensure(dir, 6_000, 1);
        assertTrue(again.reused());
        assertEquals(f.lastDay(), again.lastDay());
    }

    private static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
