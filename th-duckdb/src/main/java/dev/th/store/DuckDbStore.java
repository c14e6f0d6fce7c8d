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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
    private static final Column[] COLUMNS = Column.values();

    /** Inputs are committed together until this many rows are pending... */
    static final long GROUP_ROWS = 200_000;
    /** ... or the transaction is this old (a crash loses at most this much finished work). */
    static final long GROUP_NANOS = 5_000_000_000L;

    private final Path file;
    private final DuckDBConnection connection;
    /** The appender of the open transaction; null when none is open. */
    private DuckDBAppender appender;
    private long transactionStart;
    private long pendingRows;
    private boolean writing;

    private DuckDbStore(Path file, DuckDBConnection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating when needed) the store of data directory {@code dataDir}. */
    public static DuckDbStore open(Path dataDir) {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new StoreException("data directory " + dataDir + " is a file, not a directory");
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
            DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
            try (Statement st = dc.createStatement()) {
                st.execute(Schema.eventsDdl());
                st.execute(Schema.inputsDdl());
            }
            return new DuckDbStore(file, dc);
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** The JDBC connection, for read queries (do not use it while an input is being written). */
    public Connection connection() {
        return connection;
    }

    @Override
    public Optional<InputReport> completed(String contentHash) {
        String sql = "SELECT Path, Size, \"Read\", Stored, Rejected, Duplicates, ByEventId, Errors FROM "
                + Schema.INPUTS + " WHERE ContentHash = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
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
            connection.commit();
            connection.setAutoCommit(true);
            pendingRows = 0;
        } catch (SQLException e) {
            abortTransaction();
            throw new StoreException("cannot commit to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (!writing) {
                flush();
            }
        } finally {
            abortTransaction();
            try {
                connection.close();
            } catch (SQLException e) {
                throw new StoreException("cannot close " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Drops the open transaction, if any, with every input of it. */
    private void abortTransaction() {
        if (appender != null) {
            try {
                appender.close();
            } catch (SQLException ignored) {
                // rolled back below
            }
            appender = null;
        }
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the original failure is reported
        }
        pendingRows = 0;
        writing = false;
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
            try {
                appender.beginRow();
                for (Column c : COLUMNS) {
                    appendValue(c, event.get(c));
                }
                appender.endRow();
                rows++;
            } catch (SQLException | RuntimeException e) {
                abortTransaction();
                throw new StoreException("cannot append an event of " + path + " (record "
                        + event.get(Column.RecordId) + ") to " + file + ": " + e.getMessage(), e);
            }
        }

        private void appendValue(Column c, Object v) throws SQLException {
            if (v == null) {
                appender.appendNull();
                return;
            }
            switch (c.type()) {
                case TEXT, JSON -> appender.append(v.toString());
                case INT -> appender.append(((Number) v).intValue());
                case BIGINT -> appender.append(((Number) v).longValue());
                case BOOLEAN -> appender.append(((Boolean) v).booleanValue());
                case TIMESTAMP -> {
                    Instant t = (Instant) v;
                    appender.appendEpochMicros(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L),
                            t.getNano() / 1000));
                }
                case DATE -> appender.appendEpochDays((int) ((LocalDate) v).toEpochDay());
                default -> throw new IllegalStateException("unknown column type " + c.type());
            }
        }

        @Override
        public void commit(InputReport report) {
            String sql = "INSERT INTO " + Schema.INPUTS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, contentHash);
                ps.setString(2, report.path());
                ps.setLong(3, report.size());
                ps.setLong(4, report.read());
                ps.setLong(5, report.stored());
                ps.setLong(6, report.rejected());
                ps.setLong(7, report.duplicates());
                ps.setString(8, JSON.writeValueAsString(report.byEventId()));
                ps.setString(9, JSON.writeValueAsString(report.errors()));
                ps.setTimestamp(10, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
                ps.executeUpdate();
            } catch (SQLException | JsonProcessingException e) {
                abortTransaction();
                throw new StoreException("cannot record " + report.path() + " in " + file + ": " + e.getMessage(), e);
            }
            done = true;
            writing = false;
            pendingRows += rows;
            if (pendingRows >= GROUP_ROWS || System.nanoTime() - transactionStart >= GROUP_NANOS) {
                flush();
            }
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
            try (PreparedStatement ps = connection.prepareStatement(
                    "DELETE FROM " + Schema.EVENTS + " WHERE SourceHash = ?")) {
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
