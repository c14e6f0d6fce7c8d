package dev.th.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.flow.Flow;
import dev.th.flow.FlowAssignment;
import dev.th.flow.FlowStore;
import dev.th.flow.NetName;
import dev.th.ingest.InputReport;
import dev.th.ingest.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The network family of the store: the {@code flows} table (one row per connection: time,
 * 5-tuple, protocol, service, duration, bytes and packets each way, connection state) and the
 * {@code flow_names} table (DNS answers, HTTP hosts, TLS server names), filled through DuckDB's
 * appender. Each input is its own transaction, recorded in the {@code inputs} table as event
 * inputs are, so a stored input is not stored again. {@link #assign} runs {@link FlowJoin}.
 */
public final class FlowTable implements FlowStore {
    /** One row per flow. */
    public static final String FLOWS = "flows";
    /** One row per line of dns.log, http.log and ssl.log. */
    public static final String NAMES = "flow_names";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DuckDbStore store;
    private final String clientId;

    private FlowTable(DuckDbStore store, String clientId) {
        this.store = store;
        this.clientId = Objects.requireNonNull(clientId);
    }

    /** The flow tables of {@code store} (created when missing), for the flows of client {@code clientId}. */
    public static FlowTable of(DuckDbStore store, String clientId) {
        try (Statement st = store.connection().createStatement()) {
            createTables(st);
        } catch (SQLException e) {
            throw new StoreException("cannot create the flow tables of " + store.file() + ": " + e.getMessage(), e);
        }
        return new FlowTable(store, clientId);
    }

    static void createTables(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS " + FLOWS + " (ClientId VARCHAR, FlowId VARCHAR, Start TIMESTAMP, "
                + "OrigIp VARCHAR, OrigPort INTEGER, RespIp VARCHAR, RespPort INTEGER, Protocol VARCHAR, "
                + "Service VARCHAR, Duration DOUBLE, OrigBytes BIGINT, RespBytes BIGINT, State VARCHAR, "
                + "LocalOrig BOOLEAN, LocalResp BOOLEAN, History VARCHAR, OrigPackets BIGINT, OrigIpBytes BIGINT, "
                + "RespPackets BIGINT, RespIpBytes BIGINT, SourceHash VARCHAR, SourcePath VARCHAR, SourceOffset BIGINT)");
        st.execute("CREATE TABLE IF NOT EXISTS " + NAMES + " (ClientId VARCHAR, Time TIMESTAMP, FlowId VARCHAR, "
                + "Log VARCHAR, Name VARCHAR, Addresses VARCHAR, SourceHash VARCHAR, SourceOffset BIGINT)");
    }

    @Override
    public Optional<InputReport> completed(String contentHash) {
        return store.completed(contentHash);
    }

    @Override
    public boolean hasFlows() {
        try (Statement st = store.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + FLOWS + ")")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw new StoreException("cannot read the flows of " + store.file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public FlowAssignment assign() {
        store.flush();
        return FlowJoin.run(store);
    }

    @Override
    public boolean readsTsv() {
        return true;
    }

    @Override
    public InputReport bulkZeekConn(Path tsv, List<String> fields, String contentHash, String path, long size) {
        store.flush();
        DuckDBConnection c = (DuckDBConnection) store.connection();
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                ZeekConnBulk.Counts n = ZeekConnBulk.load(st, tsv, fields, clientId, contentHash, path);
                InputReport r = new InputReport(path, contentHash, size, n.valid() + n.rejected(), n.stored(), n.rejected(),
                        n.valid() - n.stored(), ZeekConnBulk.byLog(n.valid()), n.errors(), List.of());
                recordInput(c, contentHash, r);
                c.commit();
                c.setAutoCommit(true);
                store.committedElsewhere(contentHash);
                return r;
            }
        } catch (SQLException | JsonProcessingException e) {
            rollback(c);
            throw new StoreException("cannot store " + path + " in " + store.file() + ": " + e.getMessage(), e);
        }
    }

    /** The input's row of the inputs table, as the event store writes it. */
    private static void recordInput(DuckDBConnection c, String hash, InputReport r) throws SQLException, JsonProcessingException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + Schema.INPUTS
                + " (ContentHash, Path, Size, \"Read\", Stored, Rejected, Duplicates, ByEventId, Errors, IngestedAt)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())")) {
            ps.setString(1, hash);
            ps.setString(2, r.path());
            ps.setLong(3, r.size());
            ps.setLong(4, r.read());
            ps.setLong(5, r.stored());
            ps.setLong(6, r.rejected());
            ps.setLong(7, r.duplicates());
            ps.setString(8, JSON.writeValueAsString(r.byEventId()));
            ps.setString(9, JSON.writeValueAsString(r.errors()));
            ps.executeUpdate();
        }
    }

    @Override
    public Writer begin(String contentHash, String path, long size) {
        store.flush();
        DuckDBConnection c = (DuckDBConnection) store.connection();
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT 1");
            }
            return new FlowWriter(c, contentHash, path);
        } catch (SQLException e) {
            rollback(c);
            throw new StoreException("cannot start writing " + path + " to " + store.file() + ": " + e.getMessage(), e);
        }
    }

    private static void rollback(DuckDBConnection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the first failure is reported
        }
    }

    private final class FlowWriter implements Writer {
        private final DuckDBConnection c;
        private final String hash;
        private final String path;
        private final DuckDBAppender flows;
        private final DuckDBAppender names;
        private boolean done;

        FlowWriter(DuckDBConnection c, String hash, String path) throws SQLException {
            this.c = c;
            this.hash = hash;
            this.path = path;
            this.flows = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, FLOWS);
            this.names = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, NAMES);
        }

        @Override
        public void flow(Flow f) {
            try {
                flows.beginRow();
                flows.append(clientId);
                flows.append(f.id());
                flows.appendEpochMicros(micros(f.start()));
                flows.append(f.origIp());
                integer(f.origPort());
                flows.append(f.respIp());
                integer(f.respPort());
                text(flows, f.protocol());
                text(flows, f.service());
                if (f.duration() == null) {
                    flows.appendNull();
                } else {
                    flows.append(f.duration().doubleValue());
                }
                count(f.origBytes());
                count(f.respBytes());
                text(flows, f.state());
                bool(f.localOrig());
                bool(f.localResp());
                text(flows, f.history());
                count(f.origPackets());
                count(f.origIpBytes());
                count(f.respPackets());
                count(f.respIpBytes());
                flows.append(hash);
                flows.append(path);
                flows.append(f.line());
                flows.endRow();
            } catch (SQLException | RuntimeException e) {
                throw failed("cannot append flow " + f.id() + " (line " + f.line() + ")", e);
            }
        }

        @Override
        public void name(NetName n) {
            try {
                names.beginRow();
                names.append(clientId);
                names.appendEpochMicros(micros(n.time()));
                text(names, n.flowId());
                names.append(n.log());
                text(names, n.name());
                names.append(String.join(",", n.addresses()));
                names.append(hash);
                names.append(n.line());
                names.endRow();
            } catch (SQLException | RuntimeException e) {
                throw failed("cannot append the " + n.log() + " record of line " + n.line(), e);
            }
        }

        private void integer(Integer v) throws SQLException {
            if (v == null) {
                flows.appendNull();
            } else {
                flows.append(v.intValue());
            }
        }

        private void count(Long v) throws SQLException {
            if (v == null) {
                flows.appendNull();
            } else {
                flows.append(v.longValue());
            }
        }

        private void bool(Boolean v) throws SQLException {
            if (v == null) {
                flows.appendNull();
            } else {
                flows.append(v.booleanValue());
            }
        }

        private void text(DuckDBAppender a, String v) throws SQLException {
            if (v == null) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }

        @Override
        public void commit(InputReport r) {
            try {
                flows.close();
                names.close();
                recordInput(c, hash, r);
                c.commit();
                c.setAutoCommit(true);
                store.committedElsewhere(hash);
                done = true;
            } catch (SQLException | JsonProcessingException e) {
                throw failed("cannot record " + r.path(), e);
            }
        }

        private StoreException failed(String what, Exception e) {
            closeQuietly();
            done = true;
            return new StoreException(what + " of " + path + " in " + store.file() + ": " + e.getMessage(), e);
        }

        private void closeQuietly() {
            try {
                flows.close();
            } catch (SQLException ignored) {
                // rolled back
            }
            try {
                names.close();
            } catch (SQLException ignored) {
                // rolled back
            }
            rollback(c);
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                closeQuietly();
            }
        }
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }
}
