package dev.th.store;

import dev.th.ask.AllowList;
import dev.th.ingest.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The user's allow list kept in the store ({@code th allow add|remove|list}): per client, a binary
 * by name ({@code tool.exe}), full path, MD5 or signer (the Signature an image load or driver event
 * logs), compared ignoring case. Questions read it when asked ({@link AllowList}): the kind
 * {@code userallowed}, and leaving allowed binaries out of the other kinds.
 */
public final class AllowEntries {
    /** How an entry names a binary. */
    public enum By { NAME, PATH, MD5, SIGNER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One entry. */
    public record Entry(String client, By by, String value, String note, Instant added) {
    }

    private final Connection db;

    public AllowEntries(DuckDbStore store) {
        this.db = store.connection();
    }

    private void create() throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + AllowList.TABLE + " (Client VARCHAR, Field VARCHAR, Value VARCHAR, "
                    + "Note VARCHAR, AddedAt TIMESTAMP, PRIMARY KEY (Client, Field, Value))");
        }
    }

    /** The value as stored: trimmed, lower case; an MD5 must be 32 hex digits. */
    static String value(By by, String text) {
        String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("allow " + by.label() + ": give a value");
        }
        if (by == By.MD5 && !v.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("allow md5: '" + text + "' is not an MD5 (32 hex digits)");
        }
        if (by == By.NAME && (v.contains("\\") || v.contains("/"))) {
            throw new IllegalArgumentException("allow name: '" + text + "' is a path; give the file name, or use --path");
        }
        return v;
    }

    /** Adds an entry; false when the client already had it. */
    public boolean add(String client, By by, String text, String note) {
        String v = value(by, text);
        try {
            create();
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO " + AllowList.TABLE
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, client);
                ps.setString(2, by.label());
                ps.setString(3, v);
                ps.setString(4, note);
                ps.setObject(5, LocalDateTime.now(ZoneOffset.UTC));
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot add to the allow list: " + e.getMessage(), e);
        }
    }

    /** Removes an entry; false when the client had no such entry. */
    public boolean remove(String client, By by, String text) {
        String v = value(by, text);
        try {
            create();
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM " + AllowList.TABLE
                    + " WHERE Client = ? AND Field = ? AND Value = ?")) {
                ps.setString(1, client);
                ps.setString(2, by.label());
                ps.setString(3, v);
                return ps.executeUpdate() > 0;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot remove from the allow list: " + e.getMessage(), e);
        }
    }

    /** The entries of {@code client} (every client when null), by client, kind and value. */
    public List<Entry> list(String client) {
        List<Entry> out = new ArrayList<>();
        try {
            create();
            try (PreparedStatement ps = db.prepareStatement("SELECT Client, Field, Value, Note, AddedAt FROM " + AllowList.TABLE
                    + (client == null ? "" : " WHERE Client = ?") + " ORDER BY Client, Field, Value")) {
                if (client != null) {
                    ps.setString(1, client);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDateTime t = rs.getObject(5, LocalDateTime.class);
                        out.add(new Entry(rs.getString(1), By.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), rs.getString(3),
                                rs.getString(4), t == null ? null : t.toInstant(ZoneOffset.UTC)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the allow list: " + e.getMessage(), e);
        }
        return out;
    }
}
