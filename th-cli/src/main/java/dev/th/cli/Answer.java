package dev.th.cli;

import org.dflib.DataFrame;

/**
 * What a method printed: a frame with the seed's columns, a note for stderr (e.g. which period
 * holds data when the asked one held none), whether the API already looked for data outside the
 * period ({@code explained}: then no note means there is none), and whether it is a single value
 * (printed bare in table format). A streamed answer ({@code --format csv} and the other line
 * formats) holds the question instead of a frame.
 */
record Answer(DataFrame frame, String note, boolean explained, boolean scalar, dev.th.Ask<?, ?> streamed) {
    static Answer rows(DataFrame frame, String note) {
        return new Answer(frame, note, false, false, null);
    }

    /** Rows of a question that says itself which period holds data when its own holds none. */
    static Answer explained(DataFrame frame, String note) {
        return new Answer(frame, note, true, false, null);
    }

    /** A question whose rows are printed as they are read ({@link dev.th.Ask#stream()}): no frame. */
    static Answer streamed(dev.th.Ask<?, ?> question) {
        return new Answer(null, null, true, false, question);
    }

    /** The same answer with another note. */
    Answer withNote(String n) {
        return new Answer(frame, n, explained, scalar, streamed);
    }

    /** A single value under {@code column}. */
    static Answer value(String column, Object value) {
        return new Answer(DataFrame.foldByRow(column).of(new Object[] {value}), null, false, true, null);
    }
}
