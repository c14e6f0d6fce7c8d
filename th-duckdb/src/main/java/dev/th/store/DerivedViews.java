package dev.th.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The views computed from the events table in SQL, made on each connection that reads a store
 * (temporary views: a store opened read-only gets them too, and a store made by an older version
 * needs no upgrade): {@code sessions} (logon sessions, {@code sessions.sql}) and {@code scripts}
 * (PowerShell script blocks reassembled, {@code scripts.sql}). The SQL beside this class says how.
 */
public final class DerivedViews {
    /** The logon sessions view. */
    public static final String SESSIONS = "sessions";
    /** The PowerShell scripts view. */
    public static final String SCRIPTS = "scripts";
    private static final String[] FILES = {"sessions.sql", "scripts.sql"};

    private DerivedViews() {
    }

    /** Creates (or replaces) the views on {@code db}, whose events table must exist. */
    public static void create(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            for (String f : FILES) {
                st.execute(sql(f));
            }
        }
    }

    private static String sql(String name) {
        try (InputStream in = DerivedViews.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource dev/th/store/" + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
