package dev.th.hunt;

import dev.th.event.RawEvent;
import java.util.List;

/**
 * A rule that fired. {@code events.get(0)} is the event that fired it; a correlation hit carries
 * every event of the window that satisfied it, oldest first.
 */
public record RuleHit(RuleInfo rule, List<RawEvent> events) {
}
