package dev.th.cli;

import org.dflib.DataFrame;

/**
 * What a method printed: a frame with the seed's columns, a note for stderr (e.g. which period
 * holds data when the asked one held none), and whether it is a single value (printed bare in
 * table format).
 */
record Answer(DataFrame frame, String note, boolean scalar) {
    static Answer rows(DataFrame frame, String note) {
        return new Answer(frame, note, false);
    }

    /** A single value under {@code column}. */
    static Answer value(String column, Object value) {
        return new Answer(DataFrame.foldByRow(column).of(new Object[] {value}), null, true);
    }
}
