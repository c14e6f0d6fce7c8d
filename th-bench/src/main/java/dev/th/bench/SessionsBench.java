package dev.th.bench;

import dev.th.store.DerivedViews;
import dev.th.store.DuckDbStore;
import dev.th.store.RemoteSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The engine's logon sessions, PowerShell script view and the RemoteSession step on a store: each
 * run {@code rounds} times side by side, with the ingest's own process join as the yardstick.
 * Reports the median and worst milliseconds, the rows, and the process's peak RSS.
 * Usage: {@code SessionsBench DATA_DIR [ROUNDS]} (a store made by {@code th ingest}; it is
 * written to: RemoteSession is recomputed, which changes nothing on a second run).
 */
public final class SessionsBench {
    private SessionsBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            Connection db = store.connection();
            DerivedViews.create(db);
            System.out.printf("store %s: %,d events, %,d logon rows%n", dir, count(db, "SELECT count(*) FROM events"),
                    count(db, "SELECT count(*) FROM events WHERE Family = 'logon'"));
            time("sessions view (every session, all columns)", rounds, () -> count(db, "SELECT count(*) FROM (SELECT * FROM sessions)"));
            time("scripts view (every block joined)", rounds, () -> count(db, "SELECT count(*) FROM (SELECT * FROM scripts)"));
            time("RemoteSession step (RemoteSessions.fill)", rounds, () -> RemoteSessions.fill(db));
            time("process join (ProcessJoin, for scale)", rounds, () -> store.joinProcesses().duplicates());
        }
        System.out.printf("peak RSS %s%n", peakRss());
    }

    interface Step {
        long run() throws SQLException;
    }

    private static void time(String what, int rounds, Step step) throws SQLException {
        Timing t = new Timing(rounds);
        long rows = 0;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            rows = step.run();
            t.add(System.nanoTime() - start);
        }
        System.out.printf("%-46s median %8.1f ms  max %8.1f ms  (%,d)%n", what, t.percentileMs(50), t.percentileMs(100), rows);
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String peakRss() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).trim();
            }
        }
        return "unknown";
    }
}
