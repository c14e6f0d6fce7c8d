package dev.th;

import dev.th.ask.Allowed;
import java.util.List;

/**
 * The seed's {@code kind} filter: the application type of the binary (interpreter, remoteaccess,
 * admintool, hackingtool) or the action {@code userallowed}. Stored in the {@code Kind} column by
 * enrichment; null until enrichment has run.
 */
public enum Kind implements Labeled {
    INTERPRETER, REMOTEACCESS, ADMINTOOL, HACKINGTOOL, USERALLOWED;

    @Override
    public String label() {
        return Allowed.lower(name());
    }

    /** Parses {@code interpreter}, {@code remoteaccess}, ... (case ignored). */
    public static Kind parse(String text) {
        return Allowed.parse(Kind.class, "kind", text);
    }

    /** The allowed values as text. */
    public static List<String> allowed() {
        return Allowed.labels(Kind.class);
    }
}
