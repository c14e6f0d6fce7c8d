package dev.th.store;

import dev.th.ingest.IngestError;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A Zeek conn.log in TSV read by DuckDB's own CSV reader (parallel, in C++) into the flows table,
 * with the rules of the row-by-row reader: {@code -} is unset, {@code (empty)} is empty, each
 * field is read as its Zeek type (ports 0..65535, counts not negative, {@code T}/{@code F}), a line
 * with the wrong number of fields or a value that does not parse is rejected with its line number
 * and DuckDB's words (DuckDB's reject table), a record without uid, ts, addresses or protocol is
 * rejected naming it, a uid met again counts as a duplicate (the first one is kept). Lines starting with {@code #}
 * (headers) are skipped; DuckDB also cuts a line at a {@code #} inside it, which conn.log's fields
 * (addresses, ports, counts, uid, history, service names) never hold. {@code \xNN} escapes are left
 * as they are. The flows have no SourceOffset (DuckDB's reader gives no line numbers of the records
 * it keeps).
 */
final class ZeekConnBulk {
    private static final int MAX_ERRORS = 1000;
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("ts", "DOUBLE"),
            Map.entry("id.orig_p", "USMALLINT"), Map.entry("id.resp_p", "USMALLINT"), Map.entry("duration", "DOUBLE"),
            Map.entry("orig_bytes", "UBIGINT"), Map.entry("resp_bytes", "UBIGINT"), Map.entry("missed_bytes", "UBIGINT"),
            Map.entry("orig_pkts", "UBIGINT"), Map.entry("orig_ip_bytes", "UBIGINT"), Map.entry("resp_pkts", "UBIGINT"),
            Map.entry("resp_ip_bytes", "UBIGINT"), Map.entry("local_orig", "BOOLEAN"), Map.entry("local_resp", "BOOLEAN"));

    /** What happened to the file's lines. */
    record Counts(long valid, long stored, long rejected, List<IngestError> errors) {
    }

    private ZeekConnBulk() {
    }

    static Counts load(Statement st, Path tsv, List<String> fields, String clientId, String hash, String path)
            throws SQLException {
        StringJoiner cols = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < fields.size(); i++) {
            cols.add("'f" + i + "': '" + TYPES.getOrDefault(fields.get(i), "VARCHAR") + "'");
        }
        st.execute("DROP TABLE IF EXISTS zc_rejects");
        st.execute("DROP TABLE IF EXISTS zc_scans");
        String ts = f(fields, "ts");
        long inserted = st.executeUpdate("INSERT INTO " + FlowTable.FLOWS + " SELECT " + literal(clientId) + ", "
                + required(fields, "uid") + ", CASE WHEN isfinite(" + ts + ") AND abs(" + ts + ") < 1e11 "
                + "THEN make_timestamp(CAST(round(" + ts + " * 1000000) AS BIGINT)) END, "
                + required(fields, "id.orig_h") + ", " + f(fields, "id.orig_p") + ", " + required(fields, "id.resp_h") + ", "
                + f(fields, "id.resp_p") + ", lower(" + required(fields, "proto") + "), " + text(fields, "service") + ", "
                + f(fields, "duration") + ", " + f(fields, "orig_bytes") + ", " + f(fields, "resp_bytes") + ", "
                + text(fields, "conn_state") + ", " + f(fields, "local_orig") + ", " + f(fields, "local_resp") + ", "
                + text(fields, "history") + ", " + f(fields, "orig_pkts") + ", " + f(fields, "orig_ip_bytes") + ", "
                + f(fields, "resp_pkts") + ", " + f(fields, "resp_ip_bytes") + ", " + literal(hash) + ", " + literal(path)
                + ", NULL FROM read_csv(" + literal(tsv.toAbsolutePath().toString()) + ", delim = '\\t', quote = '', "
                + "escape = '', header = false, compression = 'none', comment = '#', columns = " + cols + ", nullstr = '-', auto_detect = false, "
                + "ignore_errors = true, store_rejects = true, rejects_table = 'zc_rejects', rejects_scan = 'zc_scans')");
        String mine = "SourceHash = " + literal(hash);
        String missing = "CASE WHEN FlowId IS NULL THEN 'no uid' WHEN Start IS NULL THEN 'no ts, or one that is not a time' "
                + "WHEN OrigIp IS NULL THEN 'no id.orig_h' WHEN RespIp IS NULL THEN 'no id.resp_h' "
                + "WHEN Protocol IS NULL THEN 'no proto' END";
        long missingRejects;
        long duplicates;
        try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE " + missing + " IS NOT NULL), "
                + "count(*) FILTER (WHERE " + missing + " IS NULL) - count(DISTINCT FlowId) FILTER (WHERE " + missing
                + " IS NULL) FROM " + FlowTable.FLOWS + " WHERE " + mine)) {
            rs.next();
            missingRejects = rs.getLong(1);
            duplicates = rs.getLong(2);
        }
        List<IngestError> errors = new ArrayList<>();
        long lineRejects = 0;
        try (ResultSet rs = st.executeQuery("SELECT line, any_value(error_message) FROM zc_rejects GROUP BY line ORDER BY line")) {
            while (rs.next()) {
                lineRejects++;
                if (errors.size() < MAX_ERRORS) {
                    errors.add(new IngestError(rs.getLong(1), "line " + rs.getLong(1) + ": " + named(firstLine(rs.getString(2)), fields)));
                }
            }
        }
        if (missingRejects > 0) {
            try (ResultSet rs = st.executeQuery("SELECT FlowId, " + missing + " FROM " + FlowTable.FLOWS + " WHERE " + mine
                    + " AND " + missing + " IS NOT NULL LIMIT " + MAX_ERRORS)) {
                while (rs.next()) {
                    if (errors.size() < MAX_ERRORS) {
                        errors.add(new IngestError(-1, "flow " + rs.getString(1) + ": " + rs.getString(2)));
                    }
                }
            }
            st.execute("DELETE FROM " + FlowTable.FLOWS + " WHERE " + mine + " AND " + missing + " IS NOT NULL");
        }
        if (duplicates > 0) {
            st.execute("DELETE FROM " + FlowTable.FLOWS + " WHERE rowid IN (SELECT rowid FROM " + FlowTable.FLOWS + " WHERE "
                    + mine + " QUALIFY row_number() OVER (PARTITION BY FlowId ORDER BY rowid) > 1)");
        }
        long rejected = lineRejects + missingRejects;
        if (rejected > errors.size()) {
            errors.add(new IngestError(-1, (rejected - errors.size()) + " more errors not listed"));
        }
        st.execute("DROP TABLE IF EXISTS zc_rejects");
        st.execute("DROP TABLE IF EXISTS zc_scans");
        long valid = inserted - missingRejects;
        return new Counts(valid, valid - duplicates, rejected, errors);
    }

    /** A field that must be set: {@code (empty)} counts as unset. */
    private static String required(List<String> fields, String name) {
        return "nullif(" + f(fields, name) + ", '(empty)')";
    }

    /** DuckDB's message with the log's field names for the reader's column names. */
    private static String named(String message, List<String> fields) {
        String m = message;
        for (int i = fields.size() - 1; i >= 0; i--) {
            m = m.replace("\"f" + i + "\"", fields.get(i));
        }
        return m;
    }

    /** The column of field {@code name}, or NULL when the log has no such field. */
    private static String f(List<String> fields, String name) {
        int i = fields.indexOf(name);
        return i < 0 ? "NULL" : "f" + i;
    }

    private static String text(List<String> fields, String name) {
        return "CASE " + f(fields, name) + " WHEN '(empty)' THEN '' ELSE " + f(fields, name) + " END";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "not a record";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static Map<String, Long> byLog(long valid) {
        return Map.of("zeek|conn", valid);
    }
}
