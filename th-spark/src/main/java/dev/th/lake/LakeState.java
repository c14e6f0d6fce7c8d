package dev.th.lake;

import dev.th.store.IoaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The lake's mutable state — the IoAs with a hunter's status and exclusions — in a small
 * transactional store beside the Parquet files: {@code LAKE/_th_state/state.duckdb}, a DuckDB file
 * holding the store's {@code ioas} table and nothing else. Parquet is written once; a status set
 * by a hunter is a row update, which this store commits atomically. The lake's {@code ioas}
 * Parquet table is this store's copy, written after each change (for Spark's questions).
 * <p>
 * Made on first use from the IoAs the lake already holds (those of a {@code th lake export}).
 */
public final class LakeState implements AutoCloseable {
    /** The folder of the state store inside a lake. */
    public static final String DIR = "_th_state";
    static final String FILE = "state.duckdb";

    private final Connection db;
    private final IoaTable ioas;

    private LakeState(Connection db) throws SQLException {
        this.db = db;
        this.ioas = new IoaTable(db);
    }

    /** Whether {@code lake} has a state store yet. */
    public static boolean exists(Path lake) {
        return Files.isRegularFile(lake.resolve(DIR).resolve(FILE));
    }

    /** Opens the state store of {@code lake}, making it (from the lake's own IoAs) when there is none. */
    public static LakeState open(Path lake) {
        boolean fresh = !exists(lake);
        try {
            Path dir = Files.createDirectories(lake.resolve(DIR));
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(FILE).toAbsolutePath());
            try {
                LakeState s = new LakeState(c);
                if (fresh) {
                    s.seed(lake);
                }
                return s;
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the lake's state store in " + lake.resolve(DIR) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the lake's state folder " + lake.resolve(DIR), e);
        }
    }

    /** The IoAs already in the lake's latest version (from a store's export) become the state's. */
    private void seed(Path lake) throws SQLException {
        Lake.Table t = Lake.latest(lake).get(IoaTable.TABLE);
        if (t == null || t.rows() == 0) {
            return;
        }
        for (Path dir : t.dirs(lake)) {
            add(dir + "/**/*.parquet");
        }
    }

    /** Adds the IoAs of the Parquet files {@code glob} that the state lacks; how many were added. */
    int add(String glob) throws SQLException {
        try (Statement st = db.createStatement()) {
            return st.executeUpdate("INSERT INTO ioas BY NAME SELECT * FROM read_parquet('" + glob.replace("'", "''")
                    + "', hive_partitioning = false) WHERE id NOT IN (SELECT id FROM ioas)");
        }
    }

    /** The state's connection (for the lake's writer, which copies the IoAs into Parquet). */
    Connection connection() {
        return db;
    }

    /** The IoA table: list, insert (new ids only), status and exclusion. */
    public IoaTable ioas() {
        return ioas;
    }

    /** Writes the state's IoAs into the lake as the {@code ioas} table of a new version (nothing when unchanged). */
    public LakeExport.Result publish(Path lake) {
        return LakeExport.publish(db, lake);
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the lake's state store: " + e.getMessage(), e);
        }
    }
}
