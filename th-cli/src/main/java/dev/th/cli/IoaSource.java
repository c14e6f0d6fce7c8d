package dev.th.cli;

import dev.th.TH;
import dev.th.store.DuckDbStore;
import dev.th.store.IoaTable;
import java.sql.SQLException;

/**
 * The IoA table that {@code --db} names: the store's, or for a lake its state store's (then a
 * change is written back into the lake's {@code ioas} table when the table is closed).
 */
final class IoaSource implements AutoCloseable {
    /** What closes the source, after writing back what changed. */
    interface Closer {
        void close(boolean changed) throws SQLException;
    }

    private final IoaTable table;
    private final Closer closer;
    private boolean changed;

    IoaSource(IoaTable table, Closer closer) {
        this.table = table;
        this.closer = closer;
    }

    /** Opens the IoAs of the store or lake in {@code db} (which must be there). */
    static IoaSource open(DataDir db) throws SQLException {
        if (TH.isLake(db.path())) {
            return LakeIoas.open(db.path()); // th-spark: on the class path for a lake (the th launcher)
        }
        DuckDbStore store = db.existing(db.noStoreIngestFirst());
        try {
            return new IoaSource(new IoaTable(store.connection()), changed -> store.close());
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    IoaTable table() {
        return table;
    }

    /** Notes that IoAs were changed (a lake then gets them written back). */
    void changed() {
        changed = true;
    }

    @Override
    public void close() throws SQLException {
        closer.close(changed);
    }
}
