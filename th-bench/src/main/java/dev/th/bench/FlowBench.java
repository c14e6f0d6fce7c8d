package dev.th.bench;

import dev.th.Machine;
import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.flow.FlowAssignment;
import dev.th.flow.FlowIngest;
import dev.th.flow.FlowStore;
import dev.th.ingest.Format;
import dev.th.ingest.InputReport;
import dev.th.store.DuckDbStore;
import dev.th.store.FlowTable;
import dev.th.store.StoreLimits;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Flows at scale: generates a Zeek conn.log of {@code FLOWS} connections of {@code MACHINES}
 * machines over {@code DAYS} days, ingests it (flows per second through the TSV reader and the
 * appender), adds one Sysmon 3 event for four flows in five to the events table (written by SQL:
 * the normalizer is not what is measured), assigns the flows (the 5-tuple join, the offsets, the
 * days), then times {@code Machine.bandwidth} over the whole period for random machines.
 *
 * First, side by side on one conn.log of {@code -Dflowbench.compare} flows (1M; 0 skips it),
 * alternating: TH's ingest ({@code FlowIngest} into a store), the peer (DuckDB's own
 * {@code read_csv} of the same file into a table of a fresh database, the same memory limit and
 * threads), then once row by row (TH's TSV reader and the appender). {@code FLOWS} may list
 * several sizes ({@code 1000000,3000000}). {@code EVENTS}, when more than the matching events
 * (four in five flows), adds network events that pair with no flow (other ports and addresses, the
 * same machines and days) up to that many, to measure the join against a large events table.
 * DuckDB's memory limit is {@code -Dth.duckdb.memory} (printed with the temporary folder it spills to).
 *
 * <pre>java -cp "th-bench/target/classes:th-bench/target/lib/*" dev.th.bench.FlowBench DIR FLOWS [MACHINES] [DAYS] [RUNS] [EVENTS]</pre>
 */
public final class FlowBench {
    private static final String HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
            + "#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\t"
            + "orig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\t"
            + "resp_pkts\tresp_ip_bytes\ttunnel_parents\n#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\t"
            + "interval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n";
    static final LocalDate LAST_DAY = LocalDate.of(2025, 6, 30);

    private FlowBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FlowBench DIR FLOWS [MACHINES] [DAYS] [RUNS] [EVENTS]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int machines = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int days = args.length > 3 ? Integer.parseInt(args[3]) : 90;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        long events = args.length > 5 ? Long.parseLong(args[5]) : 0;
        long compared = Long.getLong("flowbench.compare", 1_000_000L);
        Files.createDirectories(dir);
        if (compared > 0) {
            compareReaders(dir, compared, machines, days);
        }
        for (String size : args[1].split(",")) {
            run(dir, Long.parseLong(size), machines, days, runs, events);
        }
    }

    /** The same conn.log stored by DuckDB's reader and row by row (TH's TSV reader and the appender), side by side. */
    private static void compareReaders(Path dir, long flows, int machines, int days) throws Exception {
        Path log = dir.resolve("conn-" + flows + ".log");
        if (!Files.exists(log)) {
            generate(log, flows, machines, days);
        }
        for (String who : new String[] {"th", "peer", "th", "peer", "th", "peer", "rows"}) {
            if (who.equals("peer")) {
                peer(dir, log);
                continue;
            }
            boolean bulk = who.equals("th");
            Path store = dir.resolve("compare");
            delete(store);
            try (DuckDbStore s = DuckDbStore.open(store)) {
                FlowTable table = FlowTable.of(s, "default");
                FlowStore target = bulk ? table : rowsOnly(table);
                long t = System.nanoTime();
                double c0 = cpu();
                InputReport r;
                try (InputStream in = Files.newInputStream(log)) {
                    r = new FlowIngest(target).input(log.toString(), "compare", Files.size(log), Format.ZEEK_TSV, in);
                }
                double sec = (System.nanoTime() - t) / 1e9;
                double cpu = cpu() - c0;
                System.out.printf(Locale.ROOT, "%-24s %d flows in %.2f s (%.2f CPU s): %.0f flows/s, %.0f flows per CPU s%n",
                        bulk ? "TH ingest (bulk):" : "TH row by row:", r.stored(), sec, cpu, r.stored() / sec,
                        r.stored() / cpu);
            }
        }
    }

    /** The peer: DuckDB's own read_csv of the same conn.log into a table of a fresh database, types detected. */
    private static void peer(Path dir, Path log) throws Exception {
        Path db = dir.resolve("peer.duckdb");
        Files.deleteIfExists(db);
        StoreLimits limits = StoreLimits.fromSystem();
        java.util.Properties p = new java.util.Properties();
        p.setProperty("memory_limit", limits.memory());
        p.setProperty("threads", Integer.toString(limits.threads()));
        long t = System.nanoTime();
        double c0 = cpu();
        long rows;
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db, p); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE conn AS SELECT * FROM read_csv('" + log.toAbsolutePath()
                    + "', delim = '\\t', quote = '', escape = '', header = false, comment = '#', nullstr = '-')");
            try (var rs = st.executeQuery("SELECT count(*) FROM conn")) {
                rs.next();
                rows = rs.getLong(1);
            }
        }
        double sec = (System.nanoTime() - t) / 1e9;
        double cpu = cpu() - c0;
        System.out.printf(Locale.ROOT, "%-24s %d flows in %.2f s (%.2f CPU s): %.0f flows/s, %.0f flows per CPU s%n",
                "peer (DuckDB read_csv):", rows, sec, cpu, rows / sec, rows / cpu);
        Files.deleteIfExists(db);
    }

    /** {@code table} without its own TSV reader: every line through TH's reader and the appender. */
    private static FlowStore rowsOnly(FlowTable table) {
        return new FlowStore() {
            @Override
            public java.util.Optional<InputReport> completed(String contentHash) {
                return table.completed(contentHash);
            }

            @Override
            public Writer begin(String contentHash, String path, long size) {
                return table.begin(contentHash, path, size);
            }

            @Override
            public FlowAssignment assign() {
                return table.assign();
            }

            @Override
            public boolean hasFlows() {
                return table.hasFlows();
            }
        };
    }

    /** CPU seconds of the whole process so far (JVM and DuckDB's native threads). */
    static double cpu() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    private static void delete(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var w = Files.walk(p)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }

    private static void run(Path dir, long flows, int machines, int days, int runs, long totalEvents) throws Exception {
        Path log = dir.resolve("conn-" + flows + ".log");
        long t0 = System.nanoTime();
        if (!Files.exists(log)) {
            generate(log, flows, machines, days);
        }
        System.out.printf(Locale.ROOT, "conn.log: %d flows, %.0f MB (generated in %.1f s)%n", flows, Files.size(log) / 1e6,
                (System.nanoTime() - t0) / 1e9);
        Path store = dir.resolve("store-" + flows);
        boolean reuse = Boolean.getBoolean("flowbench.reuse") && Files.exists(store.resolve(DuckDbStore.FILE_NAME));
        if (!reuse) {
            delete(store);
        }
        try (DuckDbStore s = DuckDbStore.open(store)) {
            FlowIngest ingest = new FlowIngest(FlowTable.of(s, "default"));
            if (!reuse) {
                fill(s, ingest, log, flows, machines, days, totalEvents);
            }
            try (Statement st = s.connection().createStatement(); var rs = st.executeQuery(
                    "SELECT current_setting('memory_limit'), current_setting('temp_directory'), current_setting('threads'), "
                    + "(SELECT count(*) FROM events), (SELECT count(*) FROM flows)")) {
                rs.next();
                System.out.printf(Locale.ROOT, "DuckDB: memory_limit %s, temp_directory %s, threads %s; %d events, %d flows%s%n",
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), reuse ? " (store reused)" : "");
            }
            long t3 = System.nanoTime();
            double c3 = cpu();
            FlowAssignment a = ingest.assign();
            System.out.printf(Locale.ROOT, "assign: %.1f s (%.1f CPU s; %d flows, %d machine ends, %d to processes, %d offsets)%n",
                    (System.nanoTime() - t3) / 1e9, cpu() - c3, a.flows(), a.machineEnds(), a.processEnds(), a.offsets().size());
            incremental(s, ingest, dir, flows / 10, machines, days);
        }
        bandwidth(store, days, runs);
    }

    /** After the whole assignment: nothing new (joins 0), then a conn.log of {@code more} new flows (joins only them). */
    private static void incremental(DuckDbStore s, FlowIngest ingest, Path dir, long more, int machines, int days) throws Exception {
        long t0 = System.nanoTime();
        FlowAssignment none = ingest.assign();
        System.out.printf(Locale.ROOT, "assign again, nothing new: %.2f s, %d joined%n", (System.nanoTime() - t0) / 1e9, none.joined());
        Path log = dir.resolve("conn-more-" + more + ".log");
        if (!Files.exists(log)) {
            generate(log, more, machines, days, 'D');
        }
        try (InputStream in = Files.newInputStream(log)) {
            ingest.input(log.toString(), "bench-more-" + more + "-" + System.nanoTime(), Files.size(log), Format.ZEEK_TSV, in);
        }
        long t1 = System.nanoTime();
        double c1 = cpu();
        FlowAssignment a = ingest.assign();
        System.out.printf(Locale.ROOT, "assign after a conn.log of %d new flows: %.1f s (%.1f CPU s), %d joined, %d flows in all%n",
                more, (System.nanoTime() - t1) / 1e9, cpu() - c1, a.joined(), a.flows());
    }

    /** Ingests the conn.log and writes the events by SQL. */
    private static void fill(DuckDbStore s, FlowIngest ingest, Path log, long flows, int machines, int days, long totalEvents)
            throws Exception {
        {
            long t1 = System.nanoTime();
            double c1 = cpu();
            InputReport r;
            try (InputStream in = Files.newInputStream(log)) {
                r = ingest.input(log.toString(), "bench-" + flows, Files.size(log), Format.ZEEK_TSV, in);
            }
            double ingestS = (System.nanoTime() - t1) / 1e9;
            double ingestCpu = cpu() - c1;
            System.out.printf(Locale.ROOT, "ingest: %d stored, %d rejected in %.2f s (%.2f CPU s): %.0f flows/s, %.0f per CPU s%n",
                    r.stored(), r.rejected(), ingestS, ingestCpu, r.stored() / ingestS, r.stored() / ingestCpu);
            long t2 = System.nanoTime();
            try (Statement st = s.connection().createStatement()) {
                st.execute(syntheticEvents());
                long matching;
                try (var rs = st.executeQuery("SELECT count(*) FROM events")) {
                    rs.next();
                    matching = rs.getLong(1);
                }
                for (long done = matching; done < totalEvents; done += NOISE_BATCH) {
                    st.execute(noiseEvents(done, Math.min(NOISE_BATCH, totalEvents - done), totalEvents, machines, days));
                }
            }
            long events;
            try (Statement st = s.connection().createStatement(); var rs = st.executeQuery("SELECT count(*) FROM events")) {
                rs.next();
                events = rs.getLong(1);
            }
            System.out.printf(Locale.ROOT, "events: %d Sysmon 3 rows (4 in 5 flows matched, the rest noise) written by SQL in %.1f s%n", events,
                    (System.nanoTime() - t2) / 1e9);
        }
    }

    private static void bandwidth(Path store, int days, int runs) throws Exception {
        try (TH th = TH.open(store)) {
            List<Machine> fleet = new ArrayList<>(th.machines().list());
            TimePeriod period = TimePeriod.between(LAST_DAY.minusDays(days - 1).atStartOfDay().toInstant(ZoneOffset.UTC),
                    LAST_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            SplittableRandom rnd = new SplittableRandom(7);
            for (int i = 0; i < 10; i++) {
                fleet.get(rnd.nextInt(fleet.size())).bandwidth(period);
            }
            Timing t = new Timing(runs);
            int rows = 0;
            for (int i = 0; i < runs; i++) {
                Machine m = fleet.get(rnd.nextInt(fleet.size()));
                long s0 = System.nanoTime();
                rows += m.bandwidth(period).height();
                t.add(System.nanoTime() - s0);
            }
            System.out.printf(Locale.ROOT, "bandwidth over %d days, %d machines: p50 %.1f ms, p95 %.1f ms (%d runs, %.1f rows each)%n",
                    days, fleet.size(), t.percentileMs(50), t.percentileMs(95), runs, rows / (double) runs);
        }
        System.out.printf(Locale.ROOT, "store: %.0f MB%n", Files.size(store.resolve(DuckDbStore.FILE_NAME)) / 1e6);
    }

    private static final long NOISE_BATCH = 10_000_000L;

    /**
     * Sysmon 3 rows {@code from .. from + n} of {@code total} that pair with no flow (remote port 8443,
     * addresses of 198.51.x), spread over the machines and days as the flows are.
     */
    private static String noiseEvents(long from, long n, long total, int machines, int days) {
        long first = LAST_DAY.minusDays(days - 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
        long span = days * 86_400_000_000L;
        return "INSERT INTO events (ClientId, Muid, MachineName, DateTime, Date, Channel, EventId, RecordId, SourceHash, "
                + "Family, Operation, ParentFilename, ParentPath, ParentPid, ParentGuid, LocalIp, LocalPort, RemoteIp, "
                + "RemotePort, Protocol, Direction) "
                + "SELECT 'default', h.Muid, h.Name, t, CAST(t AS DATE), 'Microsoft-Windows-Sysmon/Operational', 3, "
                + "1000000000000 + i, 'bench-noise', 'network', '-', 'app' || (i % 50) || '.exe', 'C:\\app' || (i % 50) || '.exe', "
                + "1000 + i % 50, 'guid-' || h.m || '-' || (i % 50), h.Ip, 1024 + (i * 7) % 64000, "
                + "'198.51.' || ((i // 11) % 250) || '.' || (i % 250 + 1), 8443, 'TCP', 'Outgoing' "
                + "FROM (SELECT i, i % " + machines + " AS m, make_timestamp(" + first + " + CAST(" + span + " * (i / " + total
                + ".0) AS BIGINT)) AS t FROM range(" + from + ", " + (from + n) + ") r(i)) e "
                + "JOIN (SELECT m, md5('default/host-' || m) AS Muid, 'host-' || m AS Name, "
                + "'10.1.' || (m // 250) || '.' || (m % 250 + 1) AS Ip FROM range(" + machines + ") x(m)) h USING (m)";
    }

    /** One Sysmon 3 row for four flows in five: the flow's 5-tuple, the machine's clock 1 h + k s behind. */
    private static String syntheticEvents() {
        return "INSERT INTO events (ClientId, Muid, MachineName, DateTime, Date, Channel, EventId, RecordId, SourceHash, "
                + "Family, Operation, ParentFilename, ParentPath, ParentPid, ParentGuid, LocalIp, LocalPort, RemoteIp, "
                + "RemotePort, Protocol, Direction) "
                + "SELECT ClientId, md5('default/host-' || m), 'host-' || m, t, CAST(t AS DATE), "
                + "'Microsoft-Windows-Sysmon/Operational', 3, row_number() OVER (), 'bench-events', 'network', '-', "
                + "'app' || (OrigPort % 50) || '.exe', 'C:\\app' || (OrigPort % 50) || '.exe', 1000 + OrigPort % 50, "
                + "'guid-' || m || '-' || (OrigPort % 50), OrigIp, OrigPort, RespIp, RespPort, upper(Protocol), 'Outgoing' "
                + "FROM (SELECT *, Start - to_microseconds(CAST(3600 + m AS BIGINT) * 1000000) "
                + "+ to_microseconds(CAST(hash(FlowId) % 2000000 AS BIGINT)) AS t FROM (SELECT *, "
                + "CAST(split_part(OrigIp, '.', 3) AS INTEGER) * 250 + CAST(split_part(OrigIp, '.', 4) AS INTEGER) - 1 AS m "
                + "FROM flows)) WHERE hash(FlowId) % 5 <> 0";
    }

    /** Flows spread evenly over the days, each machine's flows from its own address, ports cycling. */
    static void generate(Path log, long flows, int machines, int days) throws IOException {
        generate(log, flows, machines, days, 'C');
    }

    /** The same, uids starting with {@code prefix}. */
    static void generate(Path log, long flows, int machines, int days, char prefix) throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        long first = LAST_DAY.minusDays(days - 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
        long span = days * 86_400_000_000L;
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            StringBuilder sb = new StringBuilder(256);
            for (long i = 0; i < flows; i++) {
                int m = (int) (i % machines);
                long us = first + (long) ((double) span * i / flows);
                int port = 1024 + (int) ((i / machines) % 64000);
                boolean udp = rnd.nextInt(4) == 0;
                long origIp = 40 + rnd.nextInt(2000);
                long respIp = 60 + rnd.nextInt(200_000);
                double duration = udp ? 0 : rnd.nextDouble() * 600;
                sb.setLength(0);
                sb.append(us / 1_000_000).append('.').append(String.format(Locale.ROOT, "%06d", us % 1_000_000)).append('\t')
                        .append(prefix).append(Long.toString(i, 36)).append('\t')
                        .append("10.1.").append(m / 250).append('.').append(m % 250 + 1).append('\t').append(port).append('\t')
                        .append("203.0.").append((i / 7) % 250).append('.').append(i % 250 + 1).append('\t')
                        .append(udp ? 53 : 443).append('\t').append(udp ? "udp" : "tcp").append('\t')
                        .append(udp ? "dns" : "ssl").append('\t')
                        .append(udp ? "-" : String.format(Locale.ROOT, "%.6f", duration)).append('\t')
                        .append(udp ? "-" : Long.toString(origIp - 40)).append('\t').append(udp ? "-" : Long.toString(respIp - 60))
                        .append('\t').append(udp ? "SHR" : "SF").append("\tT\tF\t0\t").append(udp ? "^d" : "ShADadFf").append('\t')
                        .append(3).append('\t').append(origIp).append('\t').append(4).append('\t').append(respIp).append("\t-\n");
                w.write(sb.toString());
            }
            w.write("#close\t" + Instant.now() + "\n");
        }
    }
}
