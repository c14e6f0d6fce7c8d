package dev.th.store.link;

import dev.th.query.FileKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@code sightings} table: when each file ({@link FileKey}: MD5, else path, else name) was first
 * seen on each machine (Muid) of a client, as the child of a row or as its acting process. A question's
 * FreshUnknown is computed from it when asked (docs/attributes.md). It is made again from every
 * stored row after the processes are joined (once per ingest run, and after a renormalization), so it
 * does not depend on the order inputs were stored in.
 */
public final class Sightings {
    public static final String TABLE = "sightings";

    private Sightings() {
    }

    static void create(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (Client VARCHAR, FileKey VARCHAR, Machine VARCHAR, "
                + "FirstSeen TIMESTAMP, PRIMARY KEY (Client, FileKey, Machine))");
    }

    /** Makes the table again from every stored event (after rows changed in place). */
    public static void rebuild(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TABLE);
            create(st);
            st.execute(insert("WHERE TRUE"));
        }
    }

    private static String insert(String where) {
        return "INSERT INTO " + TABLE + " " + select(where);
    }

    /** The table's rows from the {@code events} rows {@code where} (plain SQL: the lake makes the table with Spark SQL). */
    public static String select(String where) {
        String child = FileKey.sql("ChildMd5", "ChildPath", "ChildFilename", "ParentPath");
        return "SELECT ClientId AS Client, k AS FileKey, Muid AS Machine, min(DateTime) AS FirstSeen FROM ("
                + "SELECT ClientId, " + child + " AS k, Muid, DateTime FROM events " + where
                + " UNION ALL SELECT ClientId, " + FileKey.actorSql("ParentPath") + ", Muid, DateTime FROM events "
                + where + " AND ParentPath IS NOT NULL) "
                + "WHERE k IS NOT NULL AND DateTime IS NOT NULL AND ClientId IS NOT NULL AND Muid IS NOT NULL GROUP BY ALL";
    }
}
