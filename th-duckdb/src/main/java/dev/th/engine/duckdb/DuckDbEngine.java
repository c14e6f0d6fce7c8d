package dev.th.engine.duckdb;

import dev.th.query.Query;
import dev.th.store.DerivedViews;
import dev.th.query.QueryEngine;
import dev.th.query.QueryException;
import dev.th.query.RowCursor;
import dev.th.query.Sql;
import dev.th.query.SqlDialect;
import dev.th.query.SqlRenderer;
import dev.th.query.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.duckdb.DuckDBConnection;

/**
 * Runs the query model on a DuckDB file through JDBC. Opened read-only: the engine only
 * queries (ingest writes through the store). Statements are prepared and every value bound.
 * A query takes a connection of the engine's own for its duration: with one connection (the
 * constructors) queries run one at a time; {@link #pooled} gives several connections to one
 * database instance, so that as many queries run side by side (DuckDB lets each connection read
 * its own snapshot while another writes).
 */
public final class DuckDbEngine implements QueryEngine {
    private static final SqlDialect DIALECT = new DuckDbDialect();
    /** DuckDB's memory limit for questions on a store opened read-only ({@code th.duckdb.query.memory} overrides it). */
    public static final String QUERY_MEMORY = "1GB";
    private final List<Connection> connections;
    private final BlockingQueue<Connection> idle;
    private final SqlRenderer renderer = new SqlRenderer(DIALECT);
    private final Path file;
    /** The statement each thread runs now, for {@link #cancel}. */
    private final java.util.Map<Thread, PreparedStatement> running = new java.util.concurrent.ConcurrentHashMap<>();
    /** Threads whose queries are cancelled until they {@link #resume}. */
    private final java.util.Set<Thread> cancelled = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Opens {@code file} read-only. */
    public DuckDbEngine(Path file) {
        this.file = file;
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            Properties props = new Properties();
            props.setProperty("duckdb.read_only", "true");
            // DuckDB's own default is 80% of the machine's memory: an answer sorted in time order
            // (10M rows) took 11.8 GB before the first row came out. Bounded, it spills the sort to
            // th.duckdb.tmp beside the store instead (docs/reliability.md "Resource bounds").
            // Set after connecting, not as a connection property: another read-only opener of the same
            // file in this process (th store check, a lake export) must find the same configuration.
            this.connections = List.of(DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), props));
            String limit = new dev.th.store.StoreLimits(System.getProperty("th.duckdb.query.memory", QUERY_MEMORY), 1).memory();
            try (java.sql.Statement st = connections.get(0).createStatement()) {
                st.execute("SET memory_limit = '" + limit + "'");
            }
        } catch (SQLException | ClassNotFoundException e) {
            throw new QueryException("cannot open the store " + file + " read-only: " + e.getMessage(), e);
        }
        derivedViews(connections.get(0));
        this.idle = new ArrayBlockingQueue<>(1, false, connections);
    }

    /**
     * An engine over a connection the caller opened (e.g. a duplicate of the store's read-write
     * connection, as {@code th serve} holds it); closing the engine closes that connection.
     */
    public DuckDbEngine(Connection connection, Path file) {
        this.file = file;
        this.connections = List.of(connection);
        derivedViews(connection);
        this.idle = new ArrayBlockingQueue<>(1, false, connections);
    }

    private DuckDbEngine(List<Connection> connections, Path file) {
        this.file = file;
        this.connections = List.copyOf(connections);
        this.connections.forEach(DuckDbEngine::derivedViews);
        this.idle = new ArrayBlockingQueue<>(connections.size(), false, this.connections);
    }

    /**
     * An engine of {@code size} duplicates of {@code origin} (same database instance, so they see
     * what {@code origin} commits), running up to {@code size} queries at once; closing the
     * engine closes the duplicates, not {@code origin}.
     */
    public static DuckDbEngine pooled(DuckDBConnection origin, Path file, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one connection: " + size);
        }
        List<Connection> list = new ArrayList<>(size);
        try {
            for (int i = 0; i < size; i++) {
                list.add(origin.duplicate());
            }
        } catch (SQLException e) {
            throw new QueryException("cannot open " + size + " connections to " + file + ": " + e.getMessage(), e);
        }
        return new DuckDbEngine(list, file);
    }

    /** How many queries may run at once. */
    public int connections() {
        return connections.size();
    }

    /**
     * The sessions and scripts views ({@link DerivedViews}) on a store that has events. A store
     * whose events table predates their columns (opened read-only, so not upgraded) gets none:
     * {@link #hasTable} then says so and the questions over them tell the user what to run.
     */
    private static void derivedViews(Connection c) {
        try {
            try (java.sql.Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'events'")) {
                if (!rs.next() || rs.getLong(1) == 0) {
                    return;
                }
            }
            DerivedViews.create(c);
        } catch (SQLException e) {
            // left without the views: hasTable("sessions") is false
        }
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public SqlDialect dialect() {
        return DIALECT;
    }

    /**
     * Cancels the query {@code thread} runs now (DuckDB interrupts it; it fails with a
     * {@link QueryException}) and every query it starts after, until it calls {@link #resume}.
     */
    public void cancel(Thread thread) {
        cancelled.add(thread);
        PreparedStatement st = running.get(thread);
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException e) {
                // the statement ended meanwhile
            }
        }
    }

    /** Whether {@code thread} runs a query now. */
    boolean runs(Thread thread) {
        return running.containsKey(thread);
    }

    /** The calling thread's queries run again after {@link #cancel}. */
    public void resume() {
        cancelled.remove(Thread.currentThread());
    }

    private void checkCancelled() {
        if (cancelled.contains(Thread.currentThread())) {
            throw new QueryException("the query was cancelled", null);
        }
    }

    @Override
    public Table execute(Query query) {
        Sql sql = renderer.render(query);
        checkCancelled();
        Connection connection = take();
        Thread me = Thread.currentThread();
        try (PreparedStatement st = prepare(connection, sql, me)) {
            try (ResultSet rs = st.executeQuery()) {
                return read(rs);
            }
        } catch (SQLException e) {
            throw failure(e, sql, me);
        } finally {
            running.remove(me);
            idle.add(connection);
        }
    }

    /**
     * Runs {@code query} with DuckDB's streaming results ({@code jdbc_stream_results}): DuckDB
     * computes the rows chunk by chunk as the cursor reads them, so neither it nor the JVM holds
     * the answer. The cursor keeps one of the engine's connections until it is closed (with one
     * connection, no other query runs meanwhile); {@link #cancel} stops it like any query.
     */
    @Override
    public RowCursor open(Query query) {
        Sql sql = renderer.render(query);
        checkCancelled();
        Connection connection = take();
        Thread me = Thread.currentThread();
        PreparedStatement st = null;
        try {
            stream(connection, true);
            st = prepare(connection, sql, me);
            return new Streamed(connection, st, st.executeQuery(), me);
        } catch (SQLException | RuntimeException e) {
            release(connection, st, me);
            throw failure(e, sql, me);
        }
    }

    /** What a failed statement of {@code me} tells the caller: cancelled, or DuckDB's reason with the SQL. */
    private QueryException failure(Exception e, Sql sql, Thread me) {
        if (cancelled.contains(me)) {
            return new QueryException("the query was cancelled on " + file, e);
        }
        return new QueryException("query failed on " + file + ": " + e.getMessage() + "\n  SQL: " + sql.text(), e);
    }

    /** {@code sql} prepared on {@code connection} with its values bound, as the statement {@code me} runs (for {@link #cancel}). */
    private PreparedStatement prepare(Connection connection, Sql sql, Thread me) throws SQLException {
        PreparedStatement st = connection.prepareStatement(sql.text());
        try {
            for (int i = 0; i < sql.params().size(); i++) {
                st.setObject(i + 1, bindable(sql.params().get(i)));
            }
            running.put(me, st);
            checkCancelled();
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    private static void stream(Connection c, boolean on) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET jdbc_stream_results = " + on);
        }
    }

    /** Closes {@code st}, turns streaming off and hands {@code connection} back. */
    private void release(Connection connection, PreparedStatement st, Thread thread) {
        running.remove(thread, st);
        try {
            if (st != null) {
                st.close();
            }
            stream(connection, false);
        } catch (SQLException e) {
            // the connection is handed back all the same: its next statement reports what is wrong
        } finally {
            idle.add(connection);
        }
    }

    /** A streaming result: rows converted as {@link #read} converts them, one at a time. */
    private final class Streamed implements RowCursor {
        private final Connection connection;
        private final PreparedStatement st;
        private final ResultSet rs;
        private final Thread thread;
        private final List<String> names;
        private final int[] types;
        private Boolean ahead;
        private boolean closed;

        Streamed(Connection connection, PreparedStatement st, ResultSet rs, Thread thread) throws SQLException {
            this.connection = connection;
            this.st = st;
            this.rs = rs;
            this.thread = thread;
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            this.names = new ArrayList<>(n);
            this.types = new int[n];
            for (int i = 0; i < n; i++) {
                names.add(md.getColumnLabel(i + 1));
                types[i] = md.getColumnType(i + 1);
            }
        }

        @Override
        public List<String> columns() {
            return List.copyOf(names);
        }

        @Override
        public boolean hasNext() {
            if (ahead == null) {
                try {
                    ahead = !closed && rs.next();
                } catch (SQLException e) {
                    boolean wasCancelled = cancelled.contains(thread);
                    close();
                    throw new QueryException(wasCancelled ? "the query was cancelled on " + file
                            : "reading the answer failed on " + file + ": " + e.getMessage(), e);
                }
            }
            return ahead;
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            ahead = null;
            try {
                Object[] row = new Object[types.length];
                for (int i = 0; i < types.length; i++) {
                    row[i] = value(rs, i + 1, types[i]);
                }
                return row;
            } catch (SQLException e) {
                close();
                throw new QueryException("reading the answer failed on " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                rs.close();
            } catch (SQLException e) {
                // closed with its statement below
            }
            release(connection, st, thread);
        }
    }

    private Connection take() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException("interrupted while waiting for a connection to " + file, e);
        }
    }

    @Override
    public boolean hasTable(String table) {
        Connection connection = take();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new QueryException("cannot list the tables of " + file + ": " + e.getMessage(), e);
        } finally {
            idle.add(connection);
        }
    }

    @Override
    public void close() {
        QueryException failed = null;
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                failed = new QueryException("cannot close " + file + ": " + e.getMessage(), e);
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static Object bindable(Object v) {
        if (v instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        return v;
    }

    private static Table read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>(n);
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            names.add(md.getColumnLabel(i + 1));
            types[i] = md.getColumnType(i + 1);
        }
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = value(rs, i + 1, types[i]);
            }
            rows.add(row);
        }
        return new Table(names, rows);
    }

    private static Object value(ResultSet rs, int i, int type) throws SQLException {
        switch (type) {
            case Types.TIMESTAMP: {
                LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                return t == null ? null : t.toInstant(ZoneOffset.UTC);
            }
            case Types.TIMESTAMP_WITH_TIMEZONE: {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                return t == null ? null : t.toInstant();
            }
            case Types.DATE: {
                return rs.getObject(i, LocalDate.class);
            }
            default:
                break;
        }
        Object v = rs.getObject(i);
        if (v instanceof BigInteger b) {
            return b.longValue();
        } else if (v instanceof BigDecimal d) {
            return d.doubleValue();
        } else if (v instanceof Short s) {
            return s.intValue();
        } else if (v instanceof Byte b) {
            return b.intValue();
        } else if (v instanceof Float f) {
            return f.doubleValue();
        } else if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
            return v.toString();
        }
        return v;
    }
}
