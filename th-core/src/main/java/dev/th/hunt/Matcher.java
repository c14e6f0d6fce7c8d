package dev.th.hunt;

import dev.th.event.RawEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * A compiled rule set. {@link #match} is thread-safe unless the set holds correlation rules,
 * whose windows are state; then feed it from one thread, in time order, and call
 * {@link #finish} at the end of the stream. To test on many threads and still correlate in
 * stream order, split {@code match} into {@link #test} (any thread) and {@link #deliver} (one
 * thread, in stream order).
 */
public interface Matcher {

    /** Tests one event against every rule whose log source feeds on it; hits go to {@code out}. */
    void match(RawEvent event, Consumer<RuleHit> out);

    /**
     * The per-event part of {@link #match}: thread-safe whatever the rules, it touches no
     * correlation window. {@code deliver(test(e), out)} does what {@code match(e, out)} does.
     */
    default Tested test(RawEvent event) {
        return new Tested(event, null);
    }

    /** Passes on the hits of a {@link #test}, feeding correlation windows; call in stream order. */
    default void deliver(Tested tested, Consumer<RuleHit> out) {
        match(tested.event(), out);
    }

    /** Flushes correlation windows still open at the end of the stream. */
    default void finish(Consumer<RuleHit> out) {
    }

    /** The rules whose regular expression was cut off on some events so far, with how many. */
    default List<CutOff> cutOffs() {
        return List.of();
    }

    /**
     * A rule that gave no answer on {@code events} events: its java.util.regex pattern ran past
     * its time bound ({@link dev.th.hunt.match.RuleRegex#BUDGET_MILLIS}) on a value.
     */
    record CutOff(RuleInfo rule, String pattern, long events) {
        @Override
        public String toString() {
            return "rule '" + rule.title() + "'" + (rule.id() == null ? "" : " (" + rule.id() + ")") + " cut off on " + events
                    + " event" + (events == 1 ? "" : "s") + ": its regular expression '" + pattern + "' ran past "
                    + dev.th.hunt.match.RuleRegex.BUDGET_MILLIS + " ms on one value (java.util.regex; RE2 does not take it)";
        }
    }
}
