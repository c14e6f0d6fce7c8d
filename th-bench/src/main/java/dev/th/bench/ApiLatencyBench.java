package dev.th.bench;

import dev.th.sim.FleetGenerator;
import dev.th.Hits;
import dev.th.Machine;
import dev.th.Process;
import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.engine.duckdb.DuckDbEngine;
import dev.th.query.Sql;
import dev.th.store.DuckDbStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Latency of every seed method through the public API against the same question written by
 * hand in SQL, on the same DuckDB file in the same run, for fleet stores of several sizes
 * (made or reused by {@link FleetGenerator}). For each question: warm-up runs of both, then
 * {@code --runs} rounds, each running the API and the hand SQL on every store (alternating
 * which side goes first); p50 and p95 of the wall time of each, the ratio, the mean process CPU
 * time per call (which the machine's other jobs disturb less than wall time), and the rows each
 * returned (they must agree). When the API is more than 10% slower, the SQL it sent and
 * DuckDB's plans of both are printed.
 *
 * <p>Usage: {@code ApiLatencyBench --stores DIR [--sizes 1M,3M,10M] [--runs 20] [--warmup 3]
 * [--only NAME,...] [--data DIR]}.
 */
public final class ApiLatencyBench {
    private static final String MACHINE = System.getProperty("th.bench.machine", "ACME-WS-0042.acme.local");
    private static final String CLIENT = "acme";

    private ApiLatencyBench() {
    }

    /** One question's result on one store. */
    record Result(String name, int apiRows, int sqlRows, Timing api, Timing sql, Timing apiSql, double apiCpuMs, double sqlCpuMs) {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = BenchArgs.parse(args);
        FleetGenerator generator = null;
        System.out.printf("%d cores, JVM max heap %d MB, load average at start %.2f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, load());
        List<Store> stores = new ArrayList<>();
        try {
            for (Path dir : a.dirs()) {
                FleetGenerator.Fleet fleet = reuse(dir, -1, a);
                System.out.println(FleetGenerator.describe(fleet) + "; " + LayoutStats.describe(dir, MACHINE));
                stores.add(Store.open(fleet, a));
            }
            for (long size : a.dirs().isEmpty() ? a.sizes() : List.<Long>of()) {
                Path dir = a.storeDir(size);
                if (!Files.exists(dir.resolve(FleetGenerator.MARKER)) && generator == null) {
                    generator = a.generator();
                }
                FleetGenerator.Fleet fleet = generator != null ? generator.ensure(dir, size, a.threads())
                        : reuse(dir, size, a);
                System.out.println(FleetGenerator.describe(fleet));
                stores.add(Store.open(fleet, a));
            }
            Map<String, List<Result>> bySize = run(stores, a);
            summary(bySize);
        } finally {
            for (Store s : stores) {
                s.close();
            }
        }
    }

    /** One store under test: the API over it, a hand connection to the same file, its questions. */
    private record Store(FleetGenerator.Fleet fleet, RecordingEngine engine, TH th, Connection hand,
            List<LatencyCases.Case> cases) implements AutoCloseable {

        static Store open(FleetGenerator.Fleet fleet, BenchArgs a) throws Exception {
            Path file = fleet.dir().resolve(DuckDbStore.FILE_NAME);
            Clock clock = Clock.fixed(fleet.lastDay().atTime(23, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            RecordingEngine engine = new RecordingEngine(new DuckDbEngine(file));
            Properties props = new Properties();
            props.setProperty("duckdb.read_only", "true");
            TH th = TH.over(engine, clock);
            Connection hand = DriverManager.getConnection("jdbc:duckdb:" + file, props);
            th.defaultPeriod(TimePeriod.all());
            List<LatencyCases.Case> cases = new ArrayList<>();
            for (LatencyCases.Case c : ApiLatencyBench.cases(th, hand, CLIENT, MACHINE, fleet.lastDay())) {
                if (a.only().isEmpty() || a.only().stream().anyMatch(o -> c.name().contains(o))) {
                    cases.add(c);
                }
            }
            return new Store(fleet, engine, th, hand, cases);
        }

        String label() {
            return fleet.dir().getFileName() + " (" + BenchArgs.label(fleet.events()) + ")";
        }

        @Override
        public void close() throws SQLException {
            th.close();
            hand.close();
        }
    }

    private static FleetGenerator.Fleet reuse(Path dir, long size, BenchArgs a) throws Exception {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(dir.resolve(FleetGenerator.MARKER))) {
            p.load(r);
        }
        if (size >= 0 && !String.valueOf(size).equals(p.getProperty("events"))) {
            return a.generator().ensure(dir, size, a.threads());
        }
        return new FleetGenerator.Fleet(dir, Long.parseLong(p.getProperty("events")), Integer.parseInt(p.getProperty("machines")),
                java.time.LocalDate.parse(p.getProperty("firstDay")), java.time.LocalDate.parse(p.getProperty("lastDay")),
                Double.parseDouble(p.getProperty("seconds")), true);
    }

    /**
     * Every question on every store: for each question, warm-up on each store, then rounds in
     * which each store runs the API and the hand SQL (alternating which goes first), so a change
     * in the machine's load touches every size and both sides alike.
     */
    private static Map<String, List<Result>> run(List<Store> stores, BenchArgs a) throws Exception {
        Map<String, List<Result>> bySize = new LinkedHashMap<>();
        Map<String, List<String>> notes = new LinkedHashMap<>();
        for (Store s : stores) {
            bySize.put(s.label(), new ArrayList<>());
            notes.put(s.label(), new ArrayList<>());
        }
        int n = stores.get(0).cases().size();
        for (int i = 0; i < n; i++) {
            List<Measure> ms = new ArrayList<>();
            for (Store s : stores) {
                ms.add(new Measure(s, s.cases().get(i), a));
            }
            for (Measure m : ms) {
                m.warmUp(a.warmup());
            }
            for (int r = 0; r < a.runs(); r++) {
                for (Measure m : ms) {
                    m.round(r % 2 == 0);
                }
            }
            for (Measure m : ms) {
                Result res = m.result();
                bySize.get(m.store.label()).add(res);
                String note = m.note(res);
                if (!note.isEmpty()) {
                    notes.get(m.store.label()).add(note);
                }
            }
        }
        for (Store s : stores) {
            String size = s.label();
            System.out.printf("%n%s events (%s):%n%n", s.label(), s.fleet().dir());
            System.out.println("| question | rows API/SQL | API p50 | API p95 | SQL p50 | SQL p95 | API/SQL (p50) "
                    + "| CPU ms/call API/SQL | API's SQL by JDBC p50 |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (Result r : bySize.get(size)) {
                boolean hasSql = r.sqlRows() >= 0;
                System.out.printf(Locale.ROOT, "| %s | %s | %.1f ms | %.1f ms | %s | %s | %s | %.0f/%s | %s |%n", r.name(),
                        r.apiRows() + "/" + (hasSql ? r.sqlRows() : "-"), r.api().percentileMs(50),
                        r.api().percentileMs(95), ms(r.sql(), 50), ms(r.sql(), 95),
                        hasSql ? String.format(Locale.ROOT, "%.2f", r.api().percentileMs(50) / r.sql().percentileMs(50))
                                : "-", r.apiCpuMs(), hasSql ? String.format(Locale.ROOT, "%.0f", r.sqlCpuMs()) : "-",
                        ms(r.apiSql(), 50));
            }
        }
        System.out.printf("%nload average after: %.2f%n%n", load());
        for (Map.Entry<String, List<String>> e : notes.entrySet()) {
            for (String note : e.getValue()) {
                System.out.println("[" + e.getKey() + "] " + note);
            }
        }
        return bySize;
    }

    /** The runs of one question on one store. */
    private static final class Measure {
        final Store store;
        final LatencyCases.Case c;
        final List<Sql> sent;
        final int apiRows;
        final int sqlRows;
        final Timing api;
        final Timing sql;
        /** The API's own SQL (when it sent one statement) run through plain JDBC: the engine's share. */
        final Timing apiSql;
        final LatencyCases.Case sentCase;
        long apiCpu;
        long sqlCpu;

        Measure(Store store, LatencyCases.Case c, BenchArgs a) throws Exception {
            this.store = store;
            this.c = c;
            store.engine().record();
            Object first = c.api().call();
            this.sent = store.engine().stop();
            this.apiRows = LatencyCases.rows(first);
            this.sqlRows = c.sql() == null ? -1 : handRun(store.hand(), c);
            this.api = new Timing(a.runs());
            this.sql = new Timing(a.runs());
            this.apiSql = new Timing(a.runs());
            this.sentCase = sent.size() == 1 && c.sql() != null
                    ? new LatencyCases.Case(c.name(), null, sent.get(0).text(), sent.get(0).params()) : null;
        }

        void warmUp(int n) throws Exception {
            for (int i = 0; i < n; i++) {
                c.api().call();
                if (c.sql() != null) {
                    handRun(store.hand(), c);
                }
            }
        }

        void round(boolean apiFirst) throws Exception {
            if (apiFirst) {
                apiOnce();
            }
            if (c.sql() != null) {
                long cpu = cpu();
                sql.add(time(() -> handRun(store.hand(), c)));
                sqlCpu += cpu() - cpu;
            }
            if (!apiFirst) {
                apiOnce();
            }
            if (sentCase != null) {
                apiSql.add(time(() -> handRun(store.hand(), sentCase)));
            }
        }

        private void apiOnce() throws Exception {
            long cpu = cpu();
            api.add(time(() -> c.api().call()));
            apiCpu += cpu() - cpu;
        }

        Result result() {
            return new Result(c.name(), apiRows, sqlRows, api, sql, apiSql, apiCpu / 1e6 / Math.max(1, api.count()),
                    sqlCpu / 1e6 / Math.max(1, sql.count()));
        }

        String note(Result r) {
            StringBuilder note = new StringBuilder();
            if (c.sql() != null && apiRows != sqlRows) {
                note.append("rows differ for ").append(c.name()).append(": API ").append(apiRows).append(", SQL ")
                        .append(sqlRows).append('\n');
            }
            double ratio = c.sql() == null ? 0 : api.percentileMs(50) / sql.percentileMs(50);
            if (c.sql() != null && ratio > 1.10 && api.percentileMs(50) - sql.percentileMs(50) > 1.0) {
                note.append("### ").append(c.name()).append(": API ").append(String.format(Locale.ROOT, "%.2f", ratio))
                        .append("x the hand SQL; the API sent ").append(sent.size()).append(" statement(s)\n");
                for (Sql s : sent) {
                    note.append("API SQL: ").append(s.text()).append("\n  params: ").append(s.params()).append('\n');
                    note.append(plan(store.hand(), s.text(), s.params()));
                }
                note.append("hand SQL: ").append(c.sql()).append("\n  params: ").append(c.params()).append('\n');
                note.append(plan(store.hand(), c.sql(), c.params()));
            }
            return note.toString();
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private interface Run {
        void run() throws Exception;
    }

    private static long time(Run r) throws Exception {
        long t0 = System.nanoTime();
        r.run();
        return System.nanoTime() - t0;
    }

    /** Runs a hand-written question and reads every value of every row; returns the row count. */
    /** Runs a case's hand SQL, reading every value; the number of rows. */
    static int handRun(Connection c, LatencyCases.Case q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(q.sql())) {
            bind(ps, q.params());
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                int rows = 0;
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        rs.getObject(i);
                    }
                    rows++;
                }
                return rows;
            }
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            ps.setObject(i + 1, v instanceof Instant t ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) : v);
        }
    }

    private static String plan(Connection c, String sql, List<Object> params) {
        StringBuilder sb = new StringBuilder("```\n");
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sb.append(rs.getString(rs.getMetaData().getColumnCount())).append('\n');
                }
            }
        } catch (SQLException e) {
            sb.append("(no plan: ").append(e.getMessage()).append(")\n");
        }
        return sb.append("```\n").toString();
    }

    /** A process of the machine that was created and created others (most children first). */
    /** The questions about {@code machine} of {@code client}: its process with most children, its top address and user. */
    static List<LatencyCases.Case> cases(TH th, Connection hand, String client, String machine, java.time.LocalDate lastDay)
            throws SQLException {
        Machine m = th.machine(machine);
        Process proc = pickProcess(hand, m);
        String ip = first(hand, "SELECT RemoteIp FROM events WHERE Muid = ? AND RemoteIp IS NOT NULL "
                + "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1", m.muid());
        String user = first(hand, "SELECT LoggedUser FROM events WHERE Muid = ? AND LoggedUser LIKE '%user%' "
                + "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1", m.muid());
        System.out.printf("  machine %s (%s, %,d events); process %s pid %d guid %s; ip %s; user %s%n",
                m.name(), m.muid(), m.eventCount(), proc.name(), proc.pid(), proc.guid(), ip, user);
        return LatencyCases.all(th, client, machine, proc, lastDay, ip, user);
    }

    private static Process pickProcess(Connection c, Machine m) throws SQLException {
        String withChildren = "SELECT p.ChildGuid FROM events p JOIN events k ON k.ParentGuid = p.ChildGuid "
                + "WHERE p.Muid = ? AND p.Family = 'process' AND p.Operation = 'create' AND k.Muid = p.Muid "
                + "AND k.Family = 'process' AND k.Operation = 'create' AND p.ParentGuid IS NOT NULL ";
        String order = "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1";
        // best: a process whose parent's creation is logged too (so parent() finds a logged row)
        String guid = first(c, withChildren + "AND EXISTS (SELECT 1 FROM events u WHERE u.Muid = p.Muid "
                + "AND u.Family = 'process' AND u.Operation = 'create' AND u.ChildGuid = p.ParentGuid) " + order, m.muid());
        if (guid == null) {
            guid = first(c, withChildren + order, m.muid());
        }
        if (guid == null) {
            throw new IllegalStateException("no process with children on " + m.name());
        }
        Hits<Process> created = m.executions().operation("create").fetch();
        for (Process p : created) {
            if (guid.equals(p.guid())) {
                return p;
            }
        }
        throw new IllegalStateException("process " + guid + " not among the executions of " + m.name());
    }

    private static String first(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String ms(Timing t, double p) {
        return t.count() == 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", t.percentileMs(p));
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** API p50 per question and size, and the growth from the smallest to the largest store. */
    private static void summary(Map<String, List<Result>> bySize) {
        if (bySize.size() < 2) {
            return;
        }
        List<String> sizes = new ArrayList<>(bySize.keySet());
        StringBuilder head = new StringBuilder("| question |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String s : sizes) {
            head.append(" API p50 ").append(s).append(" | SQL p50 ").append(s).append(" |");
            rule.append("---|---|");
        }
        head.append(" API ").append(sizes.get(0)).append("→").append(sizes.get(sizes.size() - 1)).append(" |");
        rule.append("---|");
        System.out.println("\nGrowth with the store's size (p50, ms):\n");
        System.out.println(head);
        System.out.println(rule);
        List<Result> base = bySize.get(sizes.get(0));
        for (int i = 0; i < base.size(); i++) {
            StringBuilder row = new StringBuilder("| ").append(base.get(i).name()).append(" |");
            for (String s : sizes) {
                Result r = find(bySize.get(s), base.get(i).name());
                row.append(String.format(Locale.ROOT, " %.1f | %s |", r == null ? Double.NaN : r.api().percentileMs(50),
                        r == null ? "-" : ms(r.sql(), 50)));
            }
            Result last = find(bySize.get(sizes.get(sizes.size() - 1)), base.get(i).name());
            row.append(String.format(Locale.ROOT, " %.1fx |", last == null ? Double.NaN
                    : last.api().percentileMs(50) / base.get(i).api().percentileMs(50)));
            System.out.println(row);
        }
    }

    private static Result find(List<Result> results, String name) {
        for (Result r : results) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
