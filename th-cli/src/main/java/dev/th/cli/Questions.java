package dev.th.cli;

import static dev.th.cli.Opt.RULES;

import dev.th.Ask;
import dev.th.IoasQuery;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The question methods several objects share (executions, files, registry, ..., ioas): one call
 * for every object; the summary, the options accepted and the object's question are given by the
 * object's table.
 */
final class Questions {
    private Questions() {
    }

    /**
     * Method {@code name}: the object's {@code question} with the options given applied by
     * {@code filter} (one of {@link Filters}), in the asked period, as rows or a histogram.
     */
    static <T, Q extends Ask<?, ?>> Method<T> ask(String name, String summary, Set<Opt> options, Function<T, Q> question,
            BiFunction<Q, AskOptions, Q> filter) {
        return Method.of(name, summary, options, (t, o, c) -> Answers.ask(filter.apply(question.apply(t), o), o, c));
    }

    /** The IoAs raised by the hunting rules, filtered by --rules, in the asked period. */
    static <T> Method<T> ioas(String summary, Function<T, IoasQuery> q) {
        return Method.of("ioas", summary, EnumSet.of(RULES),
                (t, o, c) -> Answers.hits(Filters.ioas(q.apply(t), o).period(c.period(o)).fetch()));
    }
}
