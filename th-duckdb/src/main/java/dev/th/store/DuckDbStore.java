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
 * through DuckDB's appender, one transaction per input. One writer at a time (not thread-safe).
 */
public final class DuckDbStore implements EventStore {
    /** The database file's name inside the data directory. */
    public static final String FILE_NAME = "th.duckdb";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Column[] COLUMNS = Column.values();

    private final Path file;
    private final DuckDBConnection connection;
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
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                // opens the transaction now: the appender flushes into the connection's active
                // transaction, and would commit on its own without one
                st.execute("SELECT 1");
            }
            DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, Schema.EVENTS);
            writing = true;
            return new Writer(contentHash, appender);
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException("cannot start writing " + path + " to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is reported
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // idem
        }
    }

    private final class Writer implements InputWriter {
        private final String contentHash;
        private final DuckDBAppender appender;
        private boolean done;

        Writer(String contentHash, DuckDBAppender appender) {
            this.contentHash = contentHash;
            this.appender = appender;
        }

        @Override
        public void append(CanonicalEvent event) {
            try {
                appender.beginRow();
                for (Column c : COLUMNS) {
                    appendValue(c, event.get(c));
                }
                appender.endRow();
            } catch (SQLException | RuntimeException e) {
                throw new StoreException("cannot append an event of " + event.get(Column.SourcePath) + " (record "
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
            try {
                appender.close();
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
                }
                connection.commit();
                connection.setAutoCommit(true);
                done = true;
            } catch (SQLException | JsonProcessingException e) {
                throw new StoreException("cannot commit " + report.path() + " to " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            writing = false;
            if (done) {
                return;
            }
            try {
                appender.close();
            } catch (SQLException ignored) {
                // discarded anyway
            }
            rollbackQuietly();
        }
    }
}
