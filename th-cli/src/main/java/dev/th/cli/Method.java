package dev.th.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One seed method as a command: its name (the seed's without {@code get_}), other names it
 * answers to, the seed options it accepts, a one-line summary and how it calls the API.
 *
 * @param <T> the object the method belongs to (Machine, Process, Client, User, File)
 */
record Method<T>(String name, List<String> aliases, Set<Opt> options, boolean timed, String summary, Call<T> call) {

    /** The API call: the object and the parsed options to an answer. */
    @FunctionalInterface
    interface Call<T> {
        Answer run(T target, AskOptions options, Context context);
    }

    /**
     * What a call may need beside the object: the session's default period, and whether rows may
     * be streamed to the output instead of fetched ({@code --format} of a line format, no chart).
     */
    record Context(dev.th.TH th, boolean streams) {
        dev.th.TimePeriod period(AskOptions o) {
            return o.period(th.defaultPeriod());
        }
    }

    static <T> Method<T> of(String name, String summary, Set<Opt> options, Call<T> call) {
        return new Method<>(name, List.of(), options, true, summary, call);
    }

    /** The same method, which reads no period (a property, a pivot to one object, an all-time list). */
    Method<T> timeless() {
        return new Method<>(name, aliases, options, false, summary, call);
    }

    static Set<Opt> none() {
        return EnumSet.noneOf(Opt.class);
    }

    /** The same method also answering to {@code names}. */
    Method<T> alias(String... names) {
        return new Method<>(name, List.of(names), options, timed, summary, call);
    }

    /** Whether {@code text} names this method ({@code get_} prefix, case, {@code -} and {@code _} ignored). */
    boolean answers(String text) {
        String t = normal(text);
        if (t.equals(normal(name))) {
            return true;
        }
        for (String a : aliases) {
            if (t.equals(normal(a))) {
                return true;
            }
        }
        return false;
    }

    private static String normal(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        return t.startsWith("get_") ? t.substring(4) : t;
    }
}
