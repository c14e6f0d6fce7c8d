package dev.th.views;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads the test store with plain SQL through the DuckDB driver: the independent count a chart is checked against. */
final class StoreSql {
    private StoreSql() {
    }

    /** The rows of {@code sql} (bound {@code args}), each as an array. */
    static List<Object[]> rows(Path dir, String sql, Object... args) {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("th.duckdb"), p);
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] r = new Object[n];
                    for (int i = 0; i < n; i++) {
                        r[i] = rs.getObject(i + 1);
                    }
                    out.add(r);
                }
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long count(Path dir, String sql, Object... args) {
        return ((Number) rows(dir, sql, args).get(0)[0]).longValue();
    }
}
