package dev.th.ask;

import dev.th.Hits;
import dev.th.Process;
import dev.th.Row;
import dev.th.TimePeriod;
import java.util.List;

/**
 * The one door from this package into the rows of {@code dev.th}: what the query building here
 * needs of a row that a user must not reach (its session, its stored values, a process's period,
 * making rows and answers). {@code dev.th.Row} installs the only implementation when it is
 * loaded; nothing else can (a second install fails).
 */
public abstract class Rows {
    private static volatile Rows installed;

    /** Installs the implementation; called once, by {@code dev.th.Row}. */
    public static void install(Rows rows) {
        load(); // Row installs first (a call from its own loading passes here at once)
        synchronized (Rows.class) {
            if (installed != null) {
                throw new IllegalStateException("dev.th.ask.Rows is installed by dev.th.Row only");
            }
            installed = rows;
        }
    }

    /** The implementation ({@code dev.th.Row} loaded first if need be). */
    public static Rows get() {
        if (installed == null) {
            load();
        }
        return installed;
    }

    private static void load() {
        try {
            Class.forName(Row.class.getName(), true, Row.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The session the row was read through. */
    public abstract Session session(Row row);

    /** The row's value of {@code column} as text (null when absent). */
    public abstract String text(Row row, String column);

    /** The period a process row was asked in (its pivots' default). */
    public abstract TimePeriod period(Process p);

    /** A process row of {@code values} (named by {@code columns}) asked in {@code period}. */
    public abstract Process process(Session session, List<String> columns, Object[] values, TimePeriod period);

    /** An answer: {@code rows} with the seed's {@code columns}; {@code emptyBecause} says why it is empty. */
    public abstract <T extends Row> Hits<T> hits(List<String> columns, List<T> rows, String emptyBecause);
}
