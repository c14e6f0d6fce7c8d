package dev.th.export;

/**
 * What an export wrote: how many rows went out, how many were left out and why ({@code note},
 * null when none was), so that a caller can say so instead of exporting less in silence.
 *
 * @param rows rows (or, for an ATT&CK Navigator layer, techniques) written
 * @param skipped rows left out
 * @param note why rows were left out, or null
 */
public record Written(long rows, long skipped, String note) {
    /** This and {@code more} written one after the other (the batches of a streamed answer). */
    public Written plus(Written more) {
        long left = skipped + more.skipped;
        String n = more.note == null ? note : note == null ? more.note
                : more.note.startsWith(more.skipped + " ") ? left + more.note.substring(String.valueOf(more.skipped).length())
                : note + "; " + more.note;
        return new Written(rows + more.rows, left, n);
    }

    static Written all(long rows) {
        return new Written(rows, 0, null);
    }
}
