package dev.th.hunt;

import dev.th.event.RawEvent;
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
}
