package dev.th.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The method table of one object (Machine, Process, ...): finds a method by name, checks the
 * options given against those it accepts, and describes itself for {@code --help}.
 *
 * @param <T> the object
 */
final class Methods<T> {
    private final String object;
    private final List<Method<T>> list;

    @SafeVarargs
    Methods(String object, Method<T>... methods) {
        this.object = object;
        this.list = List.of(methods);
    }

    List<Method<T>> list() {
        return list;
    }

    /** The method named {@code name}; a usage error listing the methods otherwise. */
    Method<T> find(String name) {
        for (Method<T> m : list) {
            if (m.answers(name)) {
                return m;
            }
        }
        throw new UsageError("unknown " + object + " method '" + name + "'" + Suggest.didYouMean(normal(name), names())
                + "; allowed: " + String.join(", ", names()));
    }

    private static String normal(String name) {
        String t = name.trim().replace('-', '_');
        return t.toLowerCase(java.util.Locale.ROOT).startsWith("get_") ? t.substring(4) : t;
    }

    List<String> names() {
        List<String> out = new ArrayList<>();
        for (Method<T> m : list) {
            out.add(m.name());
        }
        return out;
    }

    /** A usage error when {@code given} holds an option {@code m} does not take. */
    static <T> void check(Method<T> m, Set<Opt> given, boolean periodGiven) {
        List<String> wrong = new ArrayList<>();
        if (periodGiven && !m.timed()) {
            wrong.add("--period");
        }
        for (Opt o : given) {
            if (!m.options().contains(o)) {
                wrong.add(o.flag());
            }
        }
        if (!wrong.isEmpty()) {
            throw new UsageError(m.name() + " takes no " + String.join(", ", wrong) + "; its options: " + flags(m));
        }
    }

    private static String flags(Method<?> m) {
        List<String> f = new ArrayList<>();
        if (m.timed()) {
            f.add("--period");
        }
        for (Opt o : m.options()) {
            f.add(o.flag());
        }
        return String.join(", ", f);
    }

    /** The help section: one line per method with its options. */
    String[] help() {
        List<String> lines = new ArrayList<>();
        for (Method<T> m : list) {
            String names = m.name() + (m.aliases().isEmpty() ? "" : " (" + String.join(", ", m.aliases()) + ")");
            lines.add(String.format("  %-28s %s", names, m.summary()));
            String f = flags(m);
            if (!f.isEmpty()) {
                lines.add(String.format("  %-28s   %s", "", f));
            }
        }
        return lines.toArray(new String[0]);
    }
}
