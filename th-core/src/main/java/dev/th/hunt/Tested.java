package dev.th.hunt;

import dev.th.event.RawEvent;
import java.util.List;

/**
 * What {@link Matcher#test} found for one event, waiting for {@link Matcher#deliver}: the rules
 * that matched it, in the matcher's order (null when the matcher tests at delivery).
 */
public final class Tested {
    private final RawEvent event;
    final List<Match> matched;

    Tested(RawEvent event, List<Match> matched) {
        this.event = event;
        this.matched = matched;
    }

    /** A rule that matched: whether its hit is emitted, whether it feeds a correlation. */
    record Match(RuleMatcher.Compiled rule, boolean emit, boolean correlated) {
    }

    /** The event tested. */
    public RawEvent event() {
        return event;
    }
}
