package dev.th.store;

import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.normalize.Normalizer;
import dev.th.store.link.Linker;
import dev.th.store.link.Sightings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.LongConsumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Enriching in place the inputs that normalizer version 5 stored, for version 6, whose change
 * only added columns (External, LanShared, AttrEvidence and the {@code sightings} table): no row
 * is made again. The few rows the one-event attributes can touch (Sysmon 15 and Security 5145
 * events, UNC-like paths, file writes by a listed writer: see the normalizer's Provenance) are
 * made again by the normalizer from their own fields, only to read those three columns, which
 * are then set in SQL by rowid; then the cross-event steps and the sightings run once over the
 * store. The result is the rows a fresh ingest gives ({@code AttributeFillTest}).
 */
final class AttributeFill {
    /** The version this fills from, and the one it brings inputs to. */
    static final int FROM = 5;
    static final int TO = 6;
    private static final int PAGE = 20_000;
    private static final String STAGING = "th_attribute_fill";
    private static final String INPUTS = "th_attribute_fill_inputs";
    private static final String WRITERS = "th_attribute_fill_writers";

    private AttributeFill() {
    }

    /** Whether an input of {@code version} is brought to the current version by this fill alone. */
    static boolean fills(int version) {
        return version == FROM && Normalizer.VERSION == TO;
    }

    /**
     * Fills the inputs {@code hashes} (all of version {@link #FROM}, {@code events} events in all)
     * inside the open transaction of {@code db}, telling {@code progress} how many of the events
     * are done after each of its three steps.
     */
    static void run(DuckDBConnection db, Normalizer normalizer, List<String> hashes, long events, LongConsumer progress)
            throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE " + INPUTS + " (h VARCHAR)");
            st.execute("CREATE OR REPLACE TABLE " + WRITERS + " (name VARCHAR)");
            st.execute("CREATE OR REPLACE TABLE " + STAGING + " (rid BIGINT, External BOOLEAN, LanShared BOOLEAN, "
                    + "AttrEvidence VARCHAR)");
        }
        insert(db, INPUTS, hashes);
        insert(db, WRITERS, List.copyOf(Normalizer.externalWriters()));
        String candidates = "SourceHash IN (SELECT h FROM " + INPUTS + ") AND (EventId IN (15, 5145) "
                + "OR starts_with(ChildPath, '\\') OR starts_with(ParentPath, '\\') "
                + "OR (Family = 'file' AND lower(ParentFilename) IN (SELECT name FROM " + WRITERS + "))) AND rowid > ? "
                + "ORDER BY rowid LIMIT " + PAGE;
        long after = -1;
        try (DuckDBAppender staging = db.createAppender(DuckDBConnection.DEFAULT_SCHEMA, STAGING)) {
            for (List<Renormalizer.Row> page = Renormalizer.rows(db, candidates, after); !page.isEmpty();
                    page = Renormalizer.rows(db, candidates, after)) {
                for (Renormalizer.Row r : page) {
                    CanonicalEvent row = normalizer.normalize(r.event(), r.clientId());
                    Object ext = row.get(Column.External);
                    Object lan = row.get(Column.LanShared);
                    Object why = row.get(Column.AttrEvidence);
                    if (ext != null || lan != null || why != null) {
                        staging.beginRow();
                        staging.append(r.rowid());
                        appendBoolean(staging, ext);
                        appendBoolean(staging, lan);
                        staging.append((String) why);
                        staging.endRow();
                    }
                }
                after = page.get(page.size() - 1).rowid();
            }
        }
        progress.accept(events / 3);
        try (Statement st = db.createStatement()) {
            st.execute("UPDATE " + Schema.EVENTS + " SET External = s.External, LanShared = s.LanShared, AttrEvidence = s.AttrEvidence "
                    + "FROM " + STAGING + " s WHERE " + Schema.EVENTS + ".rowid = s.rid");
            Linker.attributes(db);
            progress.accept(2 * events / 3);
            Sightings.rebuild(db);
            try (PreparedStatement ps = db.prepareStatement("UPDATE " + Schema.INPUTS + " SET NormalizerVersion = ? "
                    + "WHERE ContentHash IN (SELECT h FROM " + INPUTS + ")")) {
                ps.setInt(1, TO);
                ps.executeUpdate();
            }
            for (String t : new String[] {STAGING, INPUTS, WRITERS}) {
                st.execute("DROP TABLE " + t);
            }
        }
        progress.accept(events);
    }

    private static void appendBoolean(DuckDBAppender a, Object v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else {
            a.append((Boolean) v);
        }
    }

    private static void insert(Connection db, String table, List<String> values) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
            for (String v : values) {
                ps.setString(1, v);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
