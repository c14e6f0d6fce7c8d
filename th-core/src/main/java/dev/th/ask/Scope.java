package dev.th.ask;

import dev.th.TimePeriod;
import dev.th.query.Cond;
import java.util.function.Supplier;

/**
 * Whose events a question reads (a machine, a client, a process as actor, a user, a file) and
 * the period it defaults to.
 *
 * @param cond the condition that selects the owner's events
 * @param period the owner's default period
 * @param what the owner in words, for messages
 */
public record Scope(Cond cond, Supplier<TimePeriod> period, String what) {
}
