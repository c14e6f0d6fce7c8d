package dev.th.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a store the commands wrote (its th.duckdb) straight through JDBC, to check what they stored. */
final class StoreSql {
    private StoreSql() {
    }

    /** The single number {@code sql} (with {@code ?} bound to {@code params}) returns, e.g. a count. */
    static long count(Path db, String sql, Object... params) throws SQLException {
        List<Long> values = longs(db, sql, params);
        return values.get(0);
    }

    /** The first column of every row {@code sql} returns, as numbers. */
    static List<Long> longs(Path db, String sql, Object... params) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.resolve("th.duckdb"));
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }
}
