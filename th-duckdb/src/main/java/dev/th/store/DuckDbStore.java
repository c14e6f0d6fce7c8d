package dev.th.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.ingest.EventStore;
import dev.th.ingest.IngestError;
import dev.th.ingest.InputReport;
import dev.th.ingest.StoreException;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.normalize.Normalizer;
import dev.th.store.link.Linker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded store: one DuckDB file, {@code <dataDir>/th.duckdb}, with the {@code events} table
 * of the canonical model and the {@code inputs} table of what was stored. Events are bulk-loaded
 * through DuckDB's appender. An input is atomic: its rows and its {@code inputs} record are
 * written in the same transaction, and an input abandoned midway has its rows taken out of it
 * before anything is committed. To spare a commit per small file, consecutive inputs share a
 * transaction, committed every {@value #GROUP_ROWS} rows or 5 seconds, on {@link #flush} and on
 * {@link #close}; a crash loses the inputs of the open transaction whole (none is recorded as
 * stored, so the next ingest reads them again). One writer at a time (not thread-safe).
 */
public final class DuckDbStore implements EventStore {
    /** The database file's name inside the data directory. */
    public static final String FILE_NAME = "th.duckdb";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Inputs are committed together until this many rows are pending... */
    static final long GROUP_ROWS = 200_000;
    /** ... or the transaction is this old (a crash loses at most this much finished work). */
    static final long GROUP_NANOS = 5_000_000_000L;

    private final Path file;
    private final DuckDBConnection connection;
    /** The events table's columns in its own order (null: a column TH no longer fills). */
    private final Column[] tableColumns;
    /** The appenders of the open transaction (events, inputs); null when none is open. */
    private DuckDBAppender appender;
    private DuckDBAppender inputsAppender;
    /** Reports of the inputs completed in the open transaction (still in the inputs appender). */
    private final Map<String, InputReport> pending = new HashMap<>();
    private long transactionStart;
    private long pendingRows;
    private boolean writing;
    /** Whether rows were committed since the processes were last joined ({@link ProcessJoin}). */
    private boolean unjoined;
    /** Whether the cross-event attribute steps and the sightings run (false: th-bench's baseline). */
    private boolean attributes = true;
    /** Content hashes of the inputs table (committed, or completed in the open transaction). */
    private final Set<String> knownHashes = new HashSet<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** The machines (Muid) the open transaction's rows belong to: their rows of {@link MachineTable} are made again at commit. */
    private final Set<String> touched = new HashSet<>();
    private String lastTouched;
    /** The open transaction's inputs' records per {@code Channel|EventID}, summed: which store-wide link steps run at commit. */
    private final Map<String, Long> pendingByEventId = new HashMap<>();
    /** Whether a clock correction of the open transaction moved rows of earlier inputs (their machines' rows are made again whole). */
    private boolean clockNotes;

    private static final String SELECT_INPUT = "SELECT Path, Size, \"Read\", Stored, Rejected, Duplicates, ByEventId, "
            + "Errors FROM " + Schema.INPUTS + " WHERE ContentHash = ?";
    private static final String DELETE_INPUT_EVENTS = "DELETE FROM " + Schema.EVENTS + " WHERE SourceHash = ?";

    private DuckDbStore(Path file, DuckDBConnection connection, Column[] tableColumns) {
        this.file = file;
        this.connection = connection;
        this.tableColumns = tableColumns;
    }

    /**
     * Opens (creating when needed) the store of data directory {@code dataDir}, with DuckDB's
     * memory and threads bounded by {@link StoreLimits#fromSystem}.
     */
    public static DuckDbStore open(Path dataDir) {
        StoreLimits limits;
        try {
            limits = StoreLimits.fromSystem();
        } catch (IllegalArgumentException e) {
            throw new StoreException(e.getMessage(), e);
        }
        return open(dataDir, limits);
    }

    /** Opens (creating when needed) the store of data directory {@code dataDir} within {@code limits}. */
    public static DuckDbStore open(Path dataDir, StoreLimits limits) {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new StoreException("data directory " + dataDir + " is a file, not a directory");
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:duckdb:" + file, limits.connectionProperties());
            DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
            try (Statement st = dc.createStatement()) {
                // FSST compression of the long strings (Fields) tripled the time of a checkpoint
                // for half the file size: ingest speed first (docs/benchmarks.md)
                st.execute("SET disabled_compression_methods = 'fsst'");
                st.execute(Schema.eventsDdl());
                st.execute(Schema.inputsDdl());
                IocStore.createTables(st);
            }
            Schema.upgradeInputs(dc);
            DuckDbStore store = new DuckDbStore(file, dc, Schema.upgradeEvents(dc));
            MachineTable.ensure(dc);
            try (Statement st = dc.createStatement();
                    ResultSet rs = st.executeQuery("SELECT ContentHash FROM " + Schema.INPUTS)) {
                while (rs.next()) {
                    store.knownHashes.add(rs.getString(1));
                }
            }
            return store;
        } catch (SQLException e) {
            closeQuietly(c, e); // e.g. a read-only folder: opened, then refused the first write
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection c, Exception cause) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** The events table's columns in its own order (null: a column TH no longer fills). */
    Column[] tableColumns() {
        return tableColumns.clone();
    }

    /** The JDBC connection, for read queries (do not use it while an input is being written). */
    public Connection connection() {
        return connection;
    }

    @Override
    public Optional<InputReport> completed(String contentHash) {
        if (!knownHashes.contains(contentHash)) {
            return Optional.empty();
        }
        InputReport open = pending.get(contentHash);
        if (open != null) {
            return Optional.of(new InputReport(open.path(), contentHash, open.size(), open.read(), open.stored(),
                    open.rejected(), open.duplicates(), open.byEventId(), open.errors(), List.of()));
        }
        try {
            PreparedStatement ps = statement(SELECT_INPUT);
            ps.setString(1, contentHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Long> byEventId = JSON.readValue(rs.getString(7), new TypeReference<Map<String, Long>>() { });
                List<IngestError> errors = JSON.readValue(rs.getString(8), new TypeReference<List<IngestError>>() { });
                return Optional.of(new InputReport(rs.getString(1), contentHash, rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), byEventId, errors, List.of()));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read the inputs table of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Notes an input committed by another table's writer ({@link FlowTable}) as stored. */
    void committedElsewhere(String contentHash) {
        knownHashes.add(contentHash);
    }

    /** A prepared statement kept for the store's life (DuckDB plans it once). */
    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** A row in the table's column order, text as UTF-8 and times as DuckDB's numbers. */
    private record Encoded(CanonicalEvent event, Object[] values) {
    }

    /**
     * Encodes a row on the calling (decoding) thread: values in the table's column order, text
     * already UTF-8, times in DuckDB's units, so the storing thread only copies them. A row that
     * does not encode is returned as it is, and fails at {@link InputWriter#append} with its
     * reason.
     */
    @Override
    public Object encode(CanonicalEvent event) {
        try {
            return new Encoded(event, RowAppender.encode(tableColumns, event));
        } catch (RuntimeException e) {
            return event;
        }
    }

    @Override
    public InputWriter begin(String contentHash, String path, long size) {
        if (writing) {
            throw new IllegalStateException("an input is already being written to " + file);
        }
        try {
            if (appender == null) {
                connection.setAutoCommit(false);
                try (Statement st = connection.createStatement()) {
                    // opens the transaction now: the appender flushes into the connection's
                    // active transaction, and would commit on its own without one
                    st.execute("SELECT 1");
                }
                appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, Schema.EVENTS);
                inputsAppender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, Schema.INPUTS);
                transactionStart = System.nanoTime();
            }
            writing = true;
            return new Writer(contentHash, path);
        } catch (SQLException e) {
            abortTransaction();
            throw new StoreException("cannot start writing " + path + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Commits the open transaction: every input completed since the last flush becomes durable
     * and visible to other connections.
     */
    @Override
    public void flush() {
        if (writing) {
            throw new IllegalStateException("an input is being written to " + file + ": finish it first");
        }
        if (appender == null) {
            return;
        }
        try {
            appender.close();
            appender = null;
            inputsAppender.close();
            inputsAppender = null;
            if (pendingRows > 0) {
                Linker.inputs(connection, pending.keySet(), pendingByEventId, attributes);
            }
            if (clockNotes) {
                MachineTable.refresh(connection, touched);
            } else {
                MachineTable.add(connection, pending.keySet(), touched);
            }
            touched.clear();
            lastTouched = null;
            pendingByEventId.clear();
            clockNotes = false;
            connection.commit();
            connection.setAutoCommit(true);
            unjoined |= pendingRows > 0;
            pendingRows = 0;
            pending.clear();
        } catch (SQLException e) {
            abortTransaction();
            throw new StoreException("cannot commit to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores without the cross-event steps of External and LanShared and without the
     * {@code sightings} table: th-bench's baseline of what attributes cost at ingest (with
     * {@code Ingest.withoutKinds()}, which leaves out the one-event ones). Before any input.
     */
    public DuckDbStore withoutAttributes() {
        attributes = false;
        return this;
    }

    /**
     * Joins the records of each process ({@link ProcessJoin}) once what was ingested is
     * committed, then decides which rows ran in a remote session ({@link RemoteSessions});
     * {@link #close} does it when rows were stored since the last time.
     */
    public ProcessJoin.Result joinProcesses() {
        flush();
        try {
            ProcessJoin.Result r = ProcessJoin.run(connection);
            RemoteSessions.fill(connection);
            if (attributes) {
                dev.th.store.link.Sightings.rebuild(connection); // from the rows as joined (a 4688 gains its twin's MD5)
            }
            unjoined = false;
            return r;
        } catch (SQLException e) {
            throw new StoreException("cannot join the process records of " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (!writing) {
                flush();
                if (unjoined) {
                    joinProcesses();
                }
            }
        } finally {
            abortTransaction();
            try {
                for (PreparedStatement ps : statements.values()) {
                    ps.close();
                }
                connection.close();
            } catch (SQLException e) {
                throw new StoreException("cannot close " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Drops the open transaction, if any, with every input of it. */
    private void abortTransaction() {
        boolean open = appender != null;
        if (appender != null) {
            try {
                appender.close();
            } catch (SQLException ignored) {
                // rolled back below
            }
            appender = null;
        }
        if (inputsAppender != null) {
            try {
                inputsAppender.close();
            } catch (SQLException ignored) {
                // rolled back below
            }
            inputsAppender = null;
        }
        pending.clear();
        touched.clear();
        lastTouched = null;
        pendingByEventId.clear();
        clockNotes = false;
        try {
            if (!connection.getAutoCommit()) {
                open = true;
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the original failure is reported
        }
        pendingRows = 0;
        writing = false;
        if (open) {
            try {
                reloadKnownHashes();
            } catch (StoreException ignored) {
                // the original failure is reported
            }
        }
    }

    private void reloadKnownHashes() {
        knownHashes.clear();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT ContentHash FROM " + Schema.INPUTS)) {
            while (rs.next()) {
                knownHashes.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the inputs table of " + file + ": " + e.getMessage(), e);
        }
    }

    private final class Writer implements InputWriter {
        private final String contentHash;
        private final String path;
        private long rows;
        private boolean done;

        Writer(String contentHash, String path) {
            this.contentHash = contentHash;
            this.path = path;
        }

        @Override
        public void append(CanonicalEvent event) {
            Object[] values;
            try {
                values = RowAppender.encode(tableColumns, event);
            } catch (RuntimeException e) {
                abortTransaction();
                throw new StoreException("cannot append an event of " + path + " (record "
                        + event.get(Column.RecordId) + ") to " + file + ": " + e.getMessage(), e);
            }
            appendEncoded(new Encoded(event, values));
        }

        @Override
        public void appendEncoded(Object encoded) {
            if (!(encoded instanceof Encoded e)) {
                append((CanonicalEvent) encoded);
                return;
            }
            try {
                RowAppender.appendEncoded(appender, tableColumns, e.values());
                rows++;
                String muid = e.event().text(Column.Muid);
                if (muid != null && !muid.equals(lastTouched)) {
                    touched.add(muid);
                    lastTouched = muid;
                }
            } catch (SQLException | RuntimeException ex) {
                abortTransaction();
                throw new StoreException("cannot append an event of " + path + " (record "
                        + e.event().get(Column.RecordId) + ") to " + file + ": " + ex.getMessage(), ex);
            }
        }

        @Override
        public InputReport commit(InputReport given) {
            InputReport report = linked(given);
            try {
                Instant now = Instant.now();
                inputsAppender.beginRow()
                        .append(contentHash)
                        .append(report.path())
                        .append(report.size())
                        .append(report.read())
                        .append(report.stored())
                        .append(report.rejected())
                        .append(report.duplicates())
                        .append(JSON.writeValueAsString(report.byEventId()))
                        .append(JSON.writeValueAsString(report.errors()))
                        .appendEpochMicros(now.getEpochSecond() * 1_000_000L + now.getNano() / 1000)
                        .append(Normalizer.VERSION)
                        .endRow();
            } catch (SQLException | JsonProcessingException e) {
                abortTransaction();
                throw new StoreException("cannot record " + report.path() + " in " + file + ": " + e.getMessage(), e);
            }
            knownHashes.add(contentHash);
            pending.put(contentHash, report);
            done = true;
            writing = false;
            pendingRows += rows;
            report.byEventId().forEach((k, v) -> pendingByEventId.merge(k, v, Long::sum));
            if (pendingRows >= GROUP_ROWS || System.nanoTime() - transactionStart >= GROUP_NANOS) {
                flush();
            }
            return report;
        }

        /**
         * Runs the cross-event steps on this input's own rows (the store-wide ones follow at commit,
         * once for the transaction's inputs); their notes join the report's warnings.
         */
        private InputReport linked(InputReport report) {
            List<String> notes;
            try {
                appender.flush();
                notes = Linker.input(connection, contentHash, path, report.byEventId());
            } catch (SQLException e) {
                abortTransaction();
                throw new StoreException("cannot link the events of " + path + " in " + file + ": " + e.getMessage(), e);
            }
            if (notes.isEmpty()) {
                return report;
            }
            clockNotes = true;
            List<IngestError> warnings = new java.util.ArrayList<>(report.warnings());
            for (String note : notes) {
                warnings.add(new IngestError(-1, note));
            }
            return new InputReport(report.path(), report.contentHash(), report.size(), report.read(), report.stored(),
                    report.rejected(), report.duplicates(), report.byEventId(), report.errors(), warnings);
        }

        @Override
        public void close() {
            if (done || !writing) {
                return;
            }
            writing = false;
            if (rows == 0) {
                return;
            }
            // take this input's rows out of the open transaction; the inputs completed before stay
            try {
                PreparedStatement ps = statement(DELETE_INPUT_EVENTS);
                appender.flush();
                ps.setString(1, contentHash);
                ps.executeUpdate();
            } catch (SQLException e) {
                abortTransaction();
                throw new StoreException("cannot discard the events of " + path + " from " + file + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
