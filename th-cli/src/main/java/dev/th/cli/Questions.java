package dev.th.cli;

import static dev.th.cli.Opt.RULES;

import dev.th.Ask;
import dev.th.BlockedQuery;
import dev.th.CommunicationsQuery;
import dev.th.DetectionsQuery;
import dev.th.ExecutionsQuery;
import dev.th.FilesQuery;
import dev.th.IoasQuery;
import dev.th.ProcessesQuery;
import dev.th.RegistryQuery;
import dev.th.UsersQuery;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The question methods several objects share (executions, files, registry, ...): the same name,
 * filter and call for every object; the summary, the options accepted and the object's question
 * are given by the object's table.
 */
final class Questions {
    private Questions() {
    }

    static <T> Method<T> executions(String summary, Set<Opt> options, Function<T, ExecutionsQuery> q) {
        return asked("executions", summary, options, q, Filters::executions);
    }

    static <T> Method<T> files(String summary, Set<Opt> options, Function<T, FilesQuery> q) {
        return asked("files", summary, options, q, Filters::files);
    }

    static <T> Method<T> registry(String summary, Set<Opt> options, Function<T, RegistryQuery> q) {
        return asked("registry", summary, options, q, Filters::registry);
    }

    static <T> Method<T> communications(String summary, Set<Opt> options, Function<T, CommunicationsQuery> q) {
        return asked("communications", summary, options, q, Filters::communications);
    }

    static <T> Method<T> detections(String summary, Set<Opt> options, Function<T, DetectionsQuery> q) {
        return asked("detections", summary, options, q, Filters::detections);
    }

    static <T> Method<T> blocked(String summary, Set<Opt> options, Function<T, BlockedQuery> q) {
        return asked("blocked", summary, options, q, Filters::blocked);
    }

    static <T> Method<T> processes(String summary, Set<Opt> options, Function<T, ProcessesQuery> q) {
        return asked("processes", summary, options, q, Filters::processes);
    }

    static <T> Method<T> users(String summary, Set<Opt> options, Function<T, UsersQuery> q) {
        return asked("users", summary, options, q, Filters::users);
    }

    /** A question asked with its filters applied, in the asked period, as rows or a histogram. */
    private static <T, Q extends Ask<?, ?>> Method<T> asked(String name, String summary, Set<Opt> options, Function<T, Q> q,
            BiFunction<Q, AskOptions, Q> filter) {
        return Method.of(name, summary, options, (t, o, c) -> Answers.ask(filter.apply(q.apply(t), o), o, c));
    }

    /** The IoAs raised by the hunting rules, filtered by --rules, in the asked period. */
    static <T> Method<T> ioas(String summary, Function<T, IoasQuery> q) {
        return Method.of("ioas", summary, EnumSet.of(RULES),
                (t, o, c) -> Answers.hits(Filters.ioas(q.apply(t), o).period(c.period(o)).fetch()));
    }
}
