package dev.th.cli;

import dev.th.TH;
import dev.th.TimePeriod;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every question command ({@code th machine}, {@code th process}, {@code th client},
 * {@code th user}, {@code th file}) does: find the method in the object's table, check the
 * options it was given, open the store, find the object, call the method, print the answer.
 * Exit codes: 0 answered (even when empty), 1 a failure (no store, no such object, a store
 * error), 2 a wrong method, option or value (one line listing what is allowed).
 *
 * @param <T> the object the methods belong to
 */
abstract class AskCommand<T> implements Callable<Integer> {
    @Mixin
    DataDir db;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv (Timeline Explorer), json (an array of objects keyed by the seed's columns), jsonl,"
                    + " timesketch, timesketch-csv, navigator (IoAs: ATT&CK layer) or ecs (Elastic); see docs/formats.md. Default: ${DEFAULT-VALUE}")
    Output.Format format;

    @Mixin
    AskOptions options;

    @Mixin
    ChartOutput chart;

    @Spec
    CommandSpec spec;

    /** A wanted object that is not in the store: exit 1. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private final java.util.function.Supplier<Methods<T>> methods;
    private final String[] examples;

    /**
     * A command answering with the object's method table, built on first use (building every
     * table is start-up time that {@code th --help} need not pay); {@code examples} are command
     * lines for {@code --help}.
     */
    AskCommand(java.util.function.Supplier<Methods<T>> methods, String... examples) {
        this.methods = methods;
        this.examples = examples;
    }

    /** The object's method table. */
    final Methods<T> methods() {
        return methods.get();
    }

    /** Example command lines for {@code --help}. */
    final String[] examples() {
        return examples.clone();
    }

    /** The METHOD argument. */
    abstract String method();

    /** The question options that this command reads as saying which object, not as a method's filter. */
    java.util.Set<Opt> selectors() {
        return java.util.Set.of();
    }

    /** Checks the options that say which object (before the store is opened); usage errors only. */
    void checkTarget() {
    }

    /** The object the command is about; {@link NotFound} when the store has none. */
    abstract T target(TH th);

    /** Where the object's data lies in time, for the note of an answer empty in its period. */
    abstract String span(T target);

    /** The help section listing the methods, with examples (set as the usage footer by {@link Main}). */
    String[] footer() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add("Methods (the seed's names; get_ prefixes and - for _ are accepted):");
        lines.addAll(java.util.List.of(methods().help()));
        lines.add("");
        lines.add("Examples:");
        for (String e : examples()) {
            lines.add("  " + e);
        }
        return lines.toArray(new String[0]);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String name = "th " + spec.name();
        Method<T> m;
        try {
            m = methods().find(method());
            java.util.Set<Opt> given = AskOptions.given(spec.commandLine().getParseResult());
            given.removeAll(selectors());
            Methods.check(m, given, options.hasPeriod());
            options.period(null);
            checkTarget();
        } catch (UsageError e) {
            err.println(name + ": " + e.getMessage());
            return 2;
        }
        if (!db.hasStore() && !TH.isLake(db.path())) { // a lake: the Spark engine answers
            err.println(name + ": " + db.noStoreIngestFirst());
            return 1;
        }
        try (TH th = TH.open(db.path())) {
            T target = target(th);
            Answer a = m.call().run(target, options, new Method.Context(th, format.streams() && !chart.wanted()));
            if (a.streamed() != null) {
                Output.Streamed s = Output.stream(a.streamed(), format, spec.commandLine().getOut(), family(m.name()));
                if (s.written().note() != null) {
                    err.println(name + " " + m.name() + ": " + s.written().note());
                }
                a = Answers.afterStream(a.streamed(), s.rows());
            } else if (a.scalar() && format == Output.Format.table) {
                Object v = a.frame().get(0, 0);
                spec.commandLine().getOut().println(v == null ? "" : Output.text(v));
                spec.commandLine().getOut().flush();
            } else {
                String left = Output.print(a.frame(), format, spec.commandLine().getOut(), family(m.name()));
                if (left != null) {
                    err.println(name + " " + m.name() + ": " + left);
                }
            }
            String note = a.note();
            if (options.recovered != null && !options.recoveredApplied) {
                err.println(name + ": --recovered is not applied by " + m.name() + " (it applies to the methods that list events)");
            }
            TimePeriod p = options.period(th.defaultPeriod());
            if (chart.wanted()) {
                chart.write(name + " " + m.name(), m.name(), a.frame(), target, p, err);
            }
            if (note == null && !a.explained() && m.timed() && a.frame() != null && a.frame().height() == 0 && !p.isAll()) {
                note = "nothing in period " + p + "; " + span(target) + " (try --period all)";
            }
            if (note != null) {
                err.println(name + ": " + note);
            }
            return 0;
        } catch (UsageError | IllegalArgumentException e) {
            err.println(name + " " + m.name() + ": " + e.getMessage());
            return 2;
        } catch (dev.th.Ask.AnswerTooLarge e) {
            err.println(name + " " + m.name() + ": " + e.getMessage() + "; on the command line, --format csv, jsonl, timesketch,"
                    + " timesketch-csv or ecs prints the rows as they are read, with no bound");
            return 1;
        } catch (NotFound e) {
            err.println(name + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println(name + " " + m.name() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    /** The ECS family of a method's rows (which fields its columns go to), or null to tell it from the columns. */
    static String family(String method) {
        return switch (method) {
            case "executions", "processes", "childs", "parent", "execution_tree", "commandlines" -> "process";
            case "files" -> "file";
            case "registry" -> "registry";
            case "communications" -> "network";
            case "ioas" -> "alert";
            case "detections", "blocked" -> "detection";
            default -> null;
        };
    }

    /** How to see the machines, for "not found" messages. */
    String seeMachines() {
        return "see them with `th machines --db " + db.path() + "`";
    }
}
