package dev.th.bench;

import dev.th.store.DuckDbStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many of a store's row groups a question about one machine must read: those whose Muid
 * min/max statistics (DuckDB's zone maps, from {@code pragma_storage_info}; DuckDB keeps the first
 * 8 bytes of a string's bounds) admit the machine's Muid. In arrival order nearly every row group
 * does; in layout order ({@code th store compact}) only the machine's own.
 */
final class LayoutStats {
    private static final Pattern BOUNDS = Pattern.compile("\\[Min: ([^,]*), Max: ([^,]*),");

    private LayoutStats() {
    }

    /** {@code row groups: 3 of 9 admit <machine>} for the store in {@code dir}. */
    static String describe(Path dir, String machineName) {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStore.FILE_NAME), p)) {
            String muid;
            try (PreparedStatement ps = c.prepareStatement("SELECT min(Muid) FROM events WHERE lower(MachineName) = lower(?)")) {
                ps.setString(1, machineName);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    muid = rs.getString(1);
                }
            }
            if (muid == null) {
                return "no machine " + machineName;
            }
            String key = muid.substring(0, Math.min(8, muid.length()));
            long groups = 0;
            long admit = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT row_group_id, stats FROM pragma_storage_info('events') "
                    + "WHERE column_name = 'Muid' AND segment_type = 'VARCHAR'");
                    ResultSet rs = ps.executeQuery()) {
                java.util.Map<Long, Boolean> byGroup = new java.util.HashMap<>();
                while (rs.next()) {
                    Matcher m = BOUNDS.matcher(rs.getString(2));
                    boolean in = !m.find() || (m.group(1).compareTo(key) <= 0 && key.compareTo(m.group(2)) <= 0);
                    byGroup.merge(rs.getLong(1), in, Boolean::logicalOr);
                }
                groups = byGroup.size();
                for (boolean in : byGroup.values()) {
                    admit += in ? 1 : 0;
                }
            }
            return String.format(Locale.ROOT, "row groups whose Muid min/max admit %s: %d of %d", machineName, admit, groups);
        } catch (SQLException e) {
            return "row groups unknown: " + e.getMessage();
        }
    }
}
