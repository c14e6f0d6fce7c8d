package dev.th.lake;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.th.hunt.RuleSet;
import dev.th.ingest.IngestError;
import dev.th.ingest.IngestReport;
import dev.th.ingest.InputReport;
import dev.th.store.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code th lake ingest}: TH's ingest as a Spark job writing the lake. The driver lists the inputs
 * ({@link IngestUnit}: by file, a large EVTX file by chunk ranges) and the content hashes the lake
 * holds; each task runs the embedded pipeline over its unit ({@link LakeIngestTask}) and stages its
 * Parquet files in a folder of its own attempt. The driver then moves the staged files of the
 * attempts whose results it received (one per unit, so a retried task's first attempt is never
 * committed) into {@code events/<run>/}, writes the run's {@code inputs} rows (a file's ranges
 * merged into one row), makes the {@code machines} and {@code sightings} tables again with Spark SQL over every event
 * ({@link LakeDerived}),
 * and commits one lake version; the IoAs found go into the lake's state store and its
 * {@code ioas} table ({@link LakeState}: new ids only). An input already in the lake (same
 * content hash) is reported duplicate and not read: a second ingest stores nothing twice.
 */
public final class LakeIngest {
    /** Where tasks stage their files, under the lake. */
    static final String STAGING = "_staging";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a lake ingest did.
     *
     * @param version the lake's version after it (unchanged when nothing was new)
     * @param units Spark tasks (files and EVTX chunk ranges)
     * @param report what each input became, in unit order (an EVTX file's ranges one by one)
     * @param newIoas IoAs added to the lake's state store
     * @param retried units whose committed result came from a second or later attempt
     * @param processes the process ids of the executors that ran the committed attempts
     * @param millis wall milliseconds of each phase, in order: {@code list} (units, known inputs; driver),
     *     {@code tasks} (the Spark job), {@code commit} (staged files moved, inputs written; driver),
     *     {@code derived} (machines and sightings, Spark SQL), {@code ioas} (state store and version; driver)
     */
    public record Result(int version, int units, IngestReport report, long newIoas, int retried, Set<Long> processes,
            Map<String, Long> millis) {
    }

    /** The options of one ingest. */
    public record Options(String clientId, List<RuleSet.Text> rules, int chunksPerTask, Set<Integer> failFirstAttempt) {
        /** Client {@code clientId}, no hunting, EVTX files cut every 16 chunks (1 MiB). */
        public static Options of(String clientId) {
            return new Options(clientId, null, 16, Set.of());
        }

        public Options rules(List<RuleSet.Text> r) {
            return new Options(clientId, r, chunksPerTask, failFirstAttempt);
        }

        public Options chunksPerTask(int n) {
            return new Options(clientId, rules, n, failFirstAttempt);
        }

        /** Makes the first attempt of these units fail once their files are staged (a test of retries). */
        Options failFirstAttempt(Set<Integer> units) {
            return new Options(clientId, rules, chunksPerTask, units);
        }
    }

    private LakeIngest() {
    }

    /** Ingests {@code paths} into {@code lake} (created when absent) on this JVM's Spark session. */
    public static Result run(Path lake, List<Path> paths, Options options) {
        List<IngestUnit> units = IngestUnit.list(paths, options.chunksPerTask());
        if (units.isEmpty()) {
            return new Result(Lake.latestVersion(lake), 0, new IngestReport(List.of()), 0, 0, Set.of(), Map.of());
        }
        Map<String, Long> millis = new LinkedHashMap<>();
        long t = System.nanoTime();
        SparkSession spark = Sessions.fresh();
        Map<String, Lake.Table> before = Lake.latest(lake);
        int previous = Lake.latestVersion(lake);
        Map<String, Long> known = known(spark, lake, before.get(Schema.INPUTS));
        String run = "run-" + Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Path staging = lake.resolve(STAGING).resolve(run);
        t = lap(millis, "list", t);
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<LakeIngestTask.Done> done = jsc.parallelize(units, units.size())
                    .map(new LakeIngestTask(lake, run, options.clientId(), options.rules(), jsc.broadcast(new HashMap<>(known)),
                            options.failFirstAttempt()))
                    .collect();
            t = lap(millis, "tasks", t);
            List<LakeIngestTask.Done> sorted = done.stream().sorted(Comparator.comparingInt(LakeIngestTask.Done::index)).toList();
            IngestReport inputs = inputs(sorted);
            int version = commit(spark, lake, previous, before, run, sorted, millis);
            t = System.nanoTime();
            long newIoas = 0;
            try (LakeState state = LakeState.open(lake)) {
                for (LakeIngestTask.Done d : sorted) {
                    Path ioas = Path.of(d.staged()).resolve("ioas.parquet");
                    if (Files.exists(ioas)) {
                        newIoas += state.add(ioas.toString());
                    }
                }
                if (newIoas > 0 || version != previous) {
                    version = state.publish(lake).version();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("storing the ingest's IoAs in " + lake.resolve(LakeState.DIR) + " failed: " + e.getMessage(), e);
            }
            lap(millis, "ioas", t);
            return new Result(version, units.size(), inputs, newIoas, (int) sorted.stream().filter(d -> d.attempt() > 0).count(),
                    new java.util.TreeSet<>(sorted.stream().map(LakeIngestTask.Done::pid).toList()), millis);
        } finally {
            LakeIngestTask.delete(staging);
        }
    }

    private static long lap(Map<String, Long> millis, String phase, long since) {
        long now = System.nanoTime();
        millis.merge(phase, (now - since) / 1_000_000, Long::sum);
        return now;
    }

    /** Content hash -> records read, of the inputs the lake holds. */
    private static Map<String, Long> known(SparkSession spark, Path lake, Lake.Table inputs) {
        Map<String, Long> known = new HashMap<>();
        if (inputs == null || inputs.rows() == 0) {
            return known;
        }
        for (Row r : SparkEngine.read(spark, lake, inputs).select("ContentHash", "Read").collectAsList()) {
            known.put(r.getString(0), r.isNullAt(1) ? 0L : r.getLong(1));
        }
        return known;
    }

    private static IngestReport inputs(List<LakeIngestTask.Done> done) {
        List<InputReport> out = new ArrayList<>();
        for (LakeIngestTask.Done d : done) {
            for (LakeIngestTask.Outcome o : d.outcomes()) {
                out.add(new InputReport(o.path(), null, 0, o.read(), o.stored(), o.rejected(), o.duplicates(), Map.of(),
                        o.errors().stream().map(e -> new IngestError(-1, e)).toList(), List.of()));
            }
        }
        return new IngestReport(out);
    }

    /** Moves the staged events into the lake, writes the inputs and machines tables, commits a version (none when nothing is new). */
    private static int commit(SparkSession spark, Path lake, int previous, Map<String, Lake.Table> before, String run,
            List<LakeIngestTask.Done> done, Map<String, Long> millis) {
        long t = System.nanoTime();
        List<LakeIngestTask.InputRow> rows = merged(done);
        long events = done.stream().mapToLong(LakeIngestTask.Done::events).sum();
        if (rows.isEmpty() && events == 0) {
            return previous;
        }
        Map<String, Lake.Table> tables = new LinkedHashMap<>(before);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute(Schema.eventsDdl());
            st.execute(Schema.inputsDdl());
            String dir = "events/" + run;
            if (events > 0) {
                for (LakeIngestTask.Done d : done) {
                    moveEvents(Path.of(d.staged()).resolve("events"), lake.resolve(dir), "u" + d.index());
                }
                tables.put(Schema.EVENTS, appended(db, Schema.EVENTS, before.get(Schema.EVENTS), dir, events, run));
            }
            if (!rows.isEmpty()) {
                String inputsDir = "inputs/" + run;
                writeInputs(db, rows, lake.resolve(inputsDir));
                tables.put(Schema.INPUTS, appended(db, Schema.INPUTS, before.get(Schema.INPUTS), inputsDir, rows.size(), run));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("lake ingest into " + lake + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("lake ingest into " + lake + " failed", e);
        }
        t = lap(millis, "commit", t);
        if (events > 0) {
            for (Lake.Table d : LakeDerived.write(spark, lake, tables.get(Schema.EVENTS), run)) {
                tables.put(d.name(), d);
            }
        }
        lap(millis, "derived", t);
        return Lake.commit(lake, previous, new ArrayList<>(tables.values()));
    }

    /** The table {@code name} with folder {@code dir} added (the store's columns and types as of now). */
    private static Lake.Table appended(Connection db, String name, Lake.Table old, String dir, long rows, String run) throws SQLException {
        List<String> cols = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_name = '" + name + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                cols.add(rs.getString(1));
                types.add(rs.getString(2).replace(",", ";"));
            }
        }
        String dirs = old == null ? dir : old.dir() + ";" + dir;
        long total = (old == null ? 0 : old.rows()) + rows;
        return new Lake.Table(name, dirs, cols, types, total, "ingest-" + total + "-" + run);
    }

    /** Moves {@code staged}/ClientId=../Date=../*.parquet to {@code target}/ClientId=../Date=../PREFIX_n.parquet. */
    private static void moveEvents(Path staged, Path target, String prefix) throws IOException {
        if (!Files.isDirectory(staged)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(staged)) {
            files = s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
        int n = 0;
        for (Path f : files) {
            Path to = target.resolve(staged.relativize(f.getParent())).resolve(prefix + "_" + n++ + ".parquet");
            Files.createDirectories(to.getParent());
            Files.move(f, to, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The inputs rows of every unit, a file's chunk ranges merged into one row (counts summed). */
    static List<LakeIngestTask.InputRow> merged(List<LakeIngestTask.Done> done) {
        Map<String, LakeIngestTask.InputRow> byHash = new LinkedHashMap<>();
        for (LakeIngestTask.Done d : done) {
            for (LakeIngestTask.InputRow r : d.inputs()) {
                byHash.merge(r.contentHash(), r, LakeIngest::merge);
            }
        }
        return new ArrayList<>(byHash.values());
    }

    private static LakeIngestTask.InputRow merge(LakeIngestTask.InputRow a, LakeIngestTask.InputRow b) {
        try {
            Map<String, Long> ids = new TreeMap<>(JSON.readValue(a.byEventId(), new TypeReference<Map<String, Long>>() { }));
            JSON.readValue(b.byEventId(), new TypeReference<Map<String, Long>>() { }).forEach((k, v) -> ids.merge(k, v, Long::sum));
            ArrayNode errors = (ArrayNode) JSON.readTree(a.errors());
            errors.addAll((ArrayNode) JSON.readTree(b.errors()));
            String path = a.path().replaceFirst(" \\(chunks [0-9-]+\\)$", "");
            return new LakeIngestTask.InputRow(a.contentHash(), path, a.size(), a.read() + b.read(), a.stored() + b.stored(),
                    a.rejected() + b.rejected(), a.duplicates() + b.duplicates(), JSON.writeValueAsString(ids),
                    JSON.writeValueAsString(errors), a.ingestedAt().compareTo(b.ingestedAt()) >= 0 ? a.ingestedAt() : b.ingestedAt(),
                    a.normalizerVersion());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge the reports of " + a.path(), e);
        }
    }

    private static void writeInputs(Connection db, List<LakeIngestTask.InputRow> rows, Path dir) throws SQLException, IOException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO " + Schema.INPUTS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), ?)")) {
            for (LakeIngestTask.InputRow r : rows) {
                ps.setString(1, r.contentHash());
                ps.setString(2, r.path().replaceFirst(" \\(chunks [0-9-]+\\)$", ""));
                ps.setLong(3, r.size());
                ps.setLong(4, r.read());
                ps.setLong(5, r.stored());
                ps.setLong(6, r.rejected());
                ps.setLong(7, r.duplicates());
                ps.setString(8, r.byEventId());
                ps.setString(9, r.errors());
                ps.setString(10, r.ingestedAt());
                ps.setInt(11, r.normalizerVersion());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Files.createDirectories(dir);
        try (Statement st = db.createStatement()) {
            st.execute("COPY " + Schema.INPUTS + " TO '" + LakeIngestTask.sql(dir.resolve("part-0.parquet")) + "' (FORMAT parquet, COMPRESSION zstd)");
        }
    }
}
