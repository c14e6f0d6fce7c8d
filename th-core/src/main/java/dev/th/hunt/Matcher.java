package dev.th.hunt;

import dev.th.event.RawEvent;
import java.util.function.Consumer;

/**
 * A compiled rule set. {@link #match} is thread-safe unless the set holds correlation rules,
 * whose windows are state; then feed it from one thread, in time order, and call
 * {@link #finish} at the end of the stream.
 */
public interface Matcher {

    /** Tests one event against every rule whose log source feeds on it; hits go to {@code out}. */
    void match(RawEvent event, Consumer<RuleHit> out);

    /** Flushes correlation windows still open at the end of the stream. */
    default void finish(Consumer<RuleHit> out) {
    }
}
