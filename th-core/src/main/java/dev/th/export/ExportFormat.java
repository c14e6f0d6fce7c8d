package dev.th.export;

import java.util.Locale;

/** The export formats, by the name {@code --format} takes, each with its writer. */
public enum ExportFormat {
    /** JSON lines: one object per row. */
    JSONL("jsonl"),
    /** CSV for Timeline Explorer and spreadsheets, formulas neutralized. */
    CSV("csv"),
    /** Timesketch JSONL (message, datetime, timestamp_desc). */
    TIMESKETCH("timesketch"),
    /** Timesketch CSV. */
    TIMESKETCH_CSV("timesketch-csv"),
    /** An ATT&CK Navigator layer (format 4.5) of IoAs. */
    NAVIGATOR("navigator"),
    /** ECS-shaped JSON lines for Elastic. */
    ECS("ecs");

    private final String label;

    ExportFormat(String label) {
        this.label = label;
    }

    /** The name {@code --format} takes. */
    public String label() {
        return label;
    }

    /** A new writer of this format. */
    public RowWriter writer() {
        return switch (this) {
            case JSONL -> new JsonLinesWriter();
            case CSV -> CsvWriter.safe();
            case TIMESKETCH -> TimesketchWriter.jsonl();
            case TIMESKETCH_CSV -> TimesketchWriter.csv();
            case NAVIGATOR -> new NavigatorLayerWriter();
            case ECS -> EcsWriter.inferred();
        };
    }

    /** The format named {@code label} (case and {@code _} for {@code -} ignored), or null. */
    public static ExportFormat of(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ExportFormat f : values()) {
            if (f.label.equals(l)) {
                return f;
            }
        }
        return null;
    }
}
