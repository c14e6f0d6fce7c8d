package dev.th;

import dev.th.ask.Allowed;
import java.util.List;

/**
 * The seed's operation attributes (ATTR_REMOTE, ATTR_EXTERNAL, ATTR_FRESHUNKNOWN,
 * ATTR_LANSHARED), each a boolean column; several given are OR'ed as in the seed.
 */
public enum Attribute implements Labeled {
    /** The action was performed from a remote session (column RemoteSession). */
    ATTR_REMOTE("RemoteSession"),
    /** The file comes from outside (column External). */
    ATTR_EXTERNAL("External"),
    /** The file is new and unknown (column FreshUnknown). */
    ATTR_FRESHUNKNOWN("FreshUnknown"),
    /** The file comes from the local network (column LanShared). */
    ATTR_LANSHARED("LanShared");

    private final String column;

    Attribute(String column) {
        this.column = column;
    }

    /** The boolean column this attribute reads. */
    public String column() {
        return column;
    }

    @Override
    public String label() {
        return name();
    }

    /** Parses {@code ATTR_REMOTE} (or {@code remote}, or the column name {@code RemoteSession}). */
    public static Attribute parse(String text) {
        if (text != null) {
            for (Attribute a : values()) {
                String t = text.trim();
                if (a.column.equalsIgnoreCase(t) || ("ATTR_" + t).equalsIgnoreCase(a.name())) {
                    return a;
                }
            }
        }
        return Allowed.parse(Attribute.class, "attribute", text);
    }

    public static List<String> allowed() {
        return Allowed.labels(Attribute.class);
    }
}
