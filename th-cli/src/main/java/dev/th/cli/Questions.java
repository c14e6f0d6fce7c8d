package dev.th.cli;

import static dev.th.cli.Opt.RULES;

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
        return Method.of("executions", summary, options, (t, o, c) -> Answers.ask(Filters.executions(q.apply(t), o), o, c));
    }

    static <T> Method<T> files(String summary, Set<Opt> options, Function<T, FilesQuery> q) {
        return Method.of("files", summary, options, (t, o, c) -> Answers.ask(Filters.files(q.apply(t), o), o, c));
    }

    static <T> Method<T> registry(String summary, Set<Opt> options, Function<T, RegistryQuery> q) {
        return Method.of("registry", summary, options, (t, o, c) -> Answers.ask(Filters.registry(q.apply(t), o), o, c));
    }

    static <T> Method<T> communications(String summary, Set<Opt> options, Function<T, CommunicationsQuery> q) {
        return Method.of("communications", summary, options,
                (t, o, c) -> Answers.ask(Filters.communications(q.apply(t), o), o, c));
    }

    static <T> Method<T> detections(String summary, Set<Opt> options, Function<T, DetectionsQuery> q) {
        return Method.of("detections", summary, options, (t, o, c) -> Answers.ask(Filters.detections(q.apply(t), o), o, c));
    }

    static <T> Method<T> blocked(String summary, Set<Opt> options, Function<T, BlockedQuery> q) {
        return Method.of("blocked", summary, options, (t, o, c) -> Answers.ask(Filters.blocked(q.apply(t), o), o, c));
    }

    static <T> Method<T> processes(String summary, Set<Opt> options, Function<T, ProcessesQuery> q) {
        return Method.of("processes", summary, options, (t, o, c) -> Answers.ask(Filters.processes(q.apply(t), o), o, c));
    }

    static <T> Method<T> users(String summary, Set<Opt> options, Function<T, UsersQuery> q) {
        return Method.of("users", summary, options, (t, o, c) -> Answers.ask(Filters.users(q.apply(t), o), o, c));
    }

    /** The IoAs raised by the hunting rules, filtered by --rules, in the asked period. */
    static <T> Method<T> ioas(String summary, Function<T, IoasQuery> q) {
        return Method.of("ioas", summary, EnumSet.of(RULES),
                (t, o, c) -> Answers.hits(Filters.ioas(q.apply(t), o).period(c.period(o)).fetch()));
    }
}
