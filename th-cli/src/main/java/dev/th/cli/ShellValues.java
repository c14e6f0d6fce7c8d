package dev.th.cli;

import dev.th.Buckets;
import dev.th.Hits;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.dflib.DataFrame;

/**
 * How {@code th shell} shows a value: an answer ({@link Hits}, {@link Buckets}, a DataFrame) as
 * the command line's text table, sized to the terminal, its first {@value #ROWS} rows, with the
 * note of an answer empty because of its period; anything else as JShell shows it.
 */
final class ShellValues {
    static final int ROWS = 50;

    private ShellValues() {
    }

    /** The text of {@code value}, or null when JShell's own display suits it. */
    static String show(Object value) {
        if (value instanceof Hits<?> h) {
            String table = table(h.frame());
            return h.emptyBecause().map(n -> table + "\n" + n).orElse(table);
        }
        if (value instanceof Buckets b) {
            return table(b.frame());
        }
        if (value instanceof DataFrame df) {
            return table(df);
        }
        return null;
    }

    /** What JShell shows after the table: the kind of answer and its size. */
    static String summary(Object value) {
        if (value instanceof Hits<?> h) {
            return "Hits of " + h.size() + (h.size() == 1 ? " row" : " rows");
        }
        if (value instanceof Buckets b) {
            return "Buckets of " + b.frame().height() + " rows";
        }
        return "DataFrame of " + ((DataFrame) value).height() + " rows";
    }

    private static String table(DataFrame df) {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        boolean cut = df.height() > ROWS;
        new TextTable(Terminal.current()).print(cut ? df.head(ROWS) : df, out);
        out.flush();
        String text = sw.toString().stripTrailing();
        if (cut) {
            text += "  first " + ROWS + " of " + df.height() + " rows; .frame() holds them all";
        }
        return text;
    }
}
