package dev.th.cli;

import dev.th.Ask;
import dev.th.Bandwidth;
import dev.th.Buckets;
import dev.th.Histogram;
import dev.th.Hits;
import dev.th.Prevalence;
import dev.th.Row;
import dev.th.TimePeriod;
import java.util.List;
import org.dflib.DataFrame;

/** Turns the API's answers (questions, hits, frames, single rows) into {@link Answer}s. */
final class Answers {
    private Answers() {
    }

    /** Runs a question with the asked period, as rows or, given {@code --histogram}, as buckets. */
    static Answer ask(Ask<?, ?> q, AskOptions o, Method.Context c) {
        TimePeriod p = c.period(o);
        q.period(p);
        if (o.recovered != null) {
            try {
                q.recovered(o.recovered);
                o.recoveredApplied = true;
            } catch (IllegalArgumentException e) {
                throw new UsageError("--recovered: " + e.getMessage());
            }
        }
        Histogram h = o.histogram();
        if (h == null && c.streams()) {
            return Answer.streamed(q); // printed as read; its recovered count after the stream
        }
        Answer a;
        if (h != null) {
            Buckets b = AskOptions.apply(Opt.HISTOGRAM, () -> q.histogram(h));
            a = explained(b.fetch());
        } else {
            a = explained(q.fetch());
        }
        return a.frame().height() == 0 ? a : flagRecovered(a, q.recoveredCount());
    }

    /**
     * What is left to say once {@code q}'s {@code rows} were streamed: why it is empty (asked of
     * {@link Ask#fetch()}, which holds nothing then), or how many recovered records it holds.
     */
    static Answer afterStream(Ask<?, ?> q, long rows) {
        if (rows == 0) {
            Hits<?> h = q.fetch();
            return Answer.explained(h.frame(), note(h));
        }
        return flagRecovered(Answer.explained(null, null), q.recoveredCount());
    }

    /** An answer that includes recovered records says how many on stderr (its note). */
    static Answer flagRecovered(Answer a, long recovered) {
        if (recovered == 0) {
            return a;
        }
        String flag = recovered + " of the events read are recovered records (Recovered = true: carved from EVTX slack"
                + " space or by th carve); --recovered exclude leaves them out, --recovered only shows them alone";
        return a.withNote(a.note() == null ? flag : a.note() + "; " + flag);
    }

    private static Answer explained(Hits<?> h) {
        return Answer.explained(h.frame(), note(h));
    }

    static Answer hits(Hits<?> h) {
        return Answer.rows(h.frame(), note(h));
    }

    /** Why the answer is empty, or what it cannot tell though it has rows (its period beyond the logs). */
    private static String note(Hits<?> h) {
        return h.emptyBecause().orElse(h.note().orElse(null));
    }

    /** A prevalence as one row; when nothing holds it, the note says so (never a silent empty answer). */
    static Answer prevalence(Prevalence p) {
        java.util.Map<String, Object> m = p.toMap();
        DataFrame f = DataFrame.foldByRow(m.keySet().toArray(new String[0])).of(m.values().toArray());
        return Answer.rows(f, p.machines() == 0 ? "no stored event holds it (in the clients asked)" : null);
    }

    /** A bandwidth answer: its frame, and on stderr the share of flow bytes assigned to processes and the clock offset. */
    static Answer bandwidth(Bandwidth b) {
        return Answer.explained(b.frame(), b.note());
    }

    static Answer frame(DataFrame df) {
        return Answer.rows(df, null);
    }

    /** One row: the {@code columns} of {@code row}. */
    static Answer row(Row row, List<String> columns) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(columns.get(i));
        }
        return frame(DataFrame.foldByRow(columns.toArray(new String[0])).of(values));
    }

    /** One column of values. */
    static Answer column(String name, List<?> values) {
        return frame(DataFrame.foldByRow(name).ofIterable(values));
    }
}
