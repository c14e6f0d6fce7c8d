package dev.th.lake;

import dev.th.hunt.RuleSet;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestError;
import dev.th.ingest.IngestReport;
import dev.th.ingest.InputReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.store.DuckDbStore;
import dev.th.store.IngestHunting;
import dev.th.store.StoreLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * One Spark task of a lake ingest: the embedded ingest's own code (readers, normalizer, the
 * store's cross-event steps and process join, hunting at ingest) run over one {@link IngestUnit}
 * into a scratch DuckDB store on the executor's disk; the scratch store's events (partitioned by
 * ClientId and Date, ZSTD) and IoAs are then staged as Parquet in a folder of this attempt's own
 * under the lake's {@code _staging/}. Only the driver moves staged files into the lake, and only
 * those of the attempt whose result it received: a failed attempt's files are never committed.
 */
final class LakeIngestTask implements Function<IngestUnit, LakeIngestTask.Done> {
    private static final long serialVersionUID = 1L;

    /** One row of the inputs table, as the scratch store recorded it. */
    record InputRow(String contentHash, String path, long size, long read, long stored, long rejected, long duplicates,
                    String byEventId, String errors, String ingestedAt, int normalizerVersion) implements Serializable {
    }

    /** What one input became (for the summary), as the embedded ingest reports it. */
    record Outcome(String path, long read, long stored, long rejected, long duplicates, List<String> errors) implements Serializable {
        static Outcome of(InputReport r) {
            List<String> errors = new ArrayList<>();
            for (IngestError e : r.errors()) {
                errors.add((e.offset() >= 0 ? "at offset " + e.offset() + ": " : "") + e.reason());
            }
            return new Outcome(r.path(), r.read(), r.stored(), r.rejected(), r.duplicates(), errors);
        }
    }

    /** A finished attempt: where its files are staged, what its inputs became, and the executor's process id. */
    record Done(int index, int attempt, String staged, long events, List<InputRow> inputs, List<Outcome> outcomes, long pid)
            implements Serializable {
    }

    private final String lake;
    private final String run;
    private final String clientId;
    private final List<RuleSet.Text> rules;
    private final Broadcast<Map<String, Long>> known;
    private final Set<Integer> failFirstAttempt;

    /**
     * @param rules the rules to hunt with at ingest, null for none
     * @param known content hash -> records read, of the inputs the lake holds
     * @param failFirstAttempt units whose first attempt fails once its files are staged (to test retries)
     */
    LakeIngestTask(Path lake, String run, String clientId, List<RuleSet.Text> rules, Broadcast<Map<String, Long>> known,
            Set<Integer> failFirstAttempt) {
        this.lake = lake.toAbsolutePath().toString();
        this.run = run;
        this.clientId = clientId;
        this.rules = rules == null ? null : List.copyOf(rules);
        this.known = known;
        this.failFirstAttempt = Set.copyOf(failFirstAttempt);
    }

    @Override
    public Done call(IngestUnit unit) throws Exception {
        TaskContext ctx = TaskContext.get();
        int attempt = ctx == null ? 0 : ctx.attemptNumber();
        Path scratch = Files.createTempDirectory("th-lake-task");
        try {
            List<Outcome> outcomes = new ArrayList<>();
            try (DuckDbStore store = DuckDbStore.open(scratch, new StoreLimits(StoreLimits.DEFAULT_MEMORY, 1));
                    Ingest ingest = Ingest.sequential(new KnownInputs(store, known.value()), clientId)) {
                IngestHunting hunting = rules == null ? null
                        : IngestHunting.attach(ingest, store, LakeHunt.parsed(rules)::compile, List.of());
                if (!unit.range()) {
                    IngestReport r = ingest.run(List.of(Path.of(unit.path())), new Sources(scratch), Readers.defaults());
                    r.files().forEach(f -> outcomes.add(Outcome.of(f)));
                } else if (!known.value().containsKey(unit.sha256())) {
                    try (InputStream in = Files.newInputStream(Path.of(unit.path()))) {
                        outcomes.add(Outcome.of(ingest.input(unit.path() + " (chunks " + unit.from() + "-" + (unit.to() - 1) + ")",
                                unit.sha256(), unit.size(), unit.reader(), in)));
                    }
                } else if (unit.from() == 0) {
                    long read = known.value().get(unit.sha256());
                    outcomes.add(new Outcome(unit.path(), read, 0, 0, read, List.of()));
                }
                if (hunting != null) {
                    hunting.finish();
                }
            }
            Path staged = Path.of(lake, LakeIngest.STAGING, run, "u" + unit.index() + "-a" + attempt + "-" + UUID.randomUUID());
            Files.createDirectories(staged);
            Done done = stage(unit, attempt, scratch.resolve(DuckDbStore.FILE_NAME), staged, outcomes);
            if (attempt == 0 && failFirstAttempt.contains(unit.index())) {
                throw new IllegalStateException("induced failure of unit " + unit.index() + "'s first attempt, its files staged");
            }
            return done;
        } finally {
            delete(scratch);
        }
    }

    /** Copies the scratch store's events and IoAs into {@code staged} as Parquet; reads its inputs rows. */
    private static Done stage(IngestUnit unit, int attempt, Path db, Path staged, List<Outcome> outcomes) throws SQLException {
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        List<InputRow> inputs = new ArrayList<>();
        long events;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), props);
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
                rs.next();
                events = rs.getLong(1);
            }
            if (events > 0) {
                st.execute("COPY events TO '" + sql(staged.resolve("events")) + "' (FORMAT parquet, COMPRESSION zstd, "
                        + "PARTITION_BY (\"ClientId\", \"Date\"))");
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'ioas'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    st.execute("COPY ioas TO '" + sql(staged.resolve("ioas.parquet")) + "' (FORMAT parquet, COMPRESSION zstd)");
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT ContentHash, Path, Size, \"Read\", Stored, Rejected, Duplicates, "
                    + "CAST(ByEventId AS VARCHAR), CAST(Errors AS VARCHAR), CAST(IngestedAt AS VARCHAR), coalesce(NormalizerVersion, 1) "
                    + "FROM inputs ORDER BY Path")) {
                while (rs.next()) {
                    inputs.add(new InputRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getInt(11)));
                }
            }
        }
        return new Done(unit.index(), attempt, staged.toString(), events, inputs, outcomes, ProcessHandle.current().pid());
    }

    static String sql(Path p) {
        return p.toAbsolutePath().toString().replace("'", "''");
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
