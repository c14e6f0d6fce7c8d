package dev.th;

/**
 * Which rows a question reads by their {@code Recovered} column: records carved from outside a
 * log's live region (EVTX slack space, {@code th carve}) beside the live ones ({@link #INCLUDE},
 * the default), only them, or none of them.
 */
public enum RecoveredRows implements Labeled {
    ONLY("only"), INCLUDE("include"), EXCLUDE("exclude");

    private final String label;

    RecoveredRows(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public static RecoveredRows parse(String text) {
        return Allowed.parse(RecoveredRows.class, "recovered", text);
    }
}
