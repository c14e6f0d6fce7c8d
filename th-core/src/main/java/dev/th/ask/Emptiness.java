package dev.th.ask;

import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Says why an answer is empty when no data could ever fill it, so that "no data" is never read as
 * "no activity": the owner has no event of the question's family at all (no network events: no
 * communications can be answered), or a filter asks for a value no stored event carries (a kind
 * or an attribute before enrichment has set any). Each check runs only when an answer is empty.
 */
public final class Emptiness {
    /**
     * A filter nothing can satisfy unless some event has {@code present}.
     *
     * @param present what an event must have for the filter to match anything
     * @param storeWide whether to look for it in the whole store (true) or only in the owner's events
     * @param missing what to say when no event has it
     */
    public record Need(Cond present, boolean storeWide, String missing) {
    }

    /** The families in words: the events that feed them. */
    private static final Map<String, String> SOURCES = Map.of(
            "network", "network events (Sysmon 3, Windows Filtering Platform 5156/5157)",
            "registry", "registry events (Sysmon 12-14, Security 4657 and 4656/4663 on keys)",
            "file", "file events (Sysmon 2, 11, 15, 23, 26, Security 4656/4660/4663 on files, 5145, PowerShell 4104)",
            "process", "process events (Sysmon 1, 5, 7, 8, 10, Security 4688/4689)",
            "detection", "detections (Defender, IoC matches)",
            "blocked", "blocked items (Sysmon 27/28, Defender)");

    private final List<Need> needs = new ArrayList<>();

    public void add(Need n) {
        needs.add(n);
    }

    /**
     * Why the question over {@code scope} of {@code family} (null: any) answered nothing whatever its
     * period, or null when data exists that other filters or the period left out.
     */
    public String why(Session session, Scope scope, String family) {
        if (family != null && none(session, Cond.and(List.of(scope.cond(), Cond.eq("Family", family))))) {
            String machines = machinesWithout(session, scope, family);
            if (machines != null) {
                return machines + " " + SOURCES.getOrDefault(family, family + " events")
                        + " at all: this is no data, not no activity";
            }
        }
        for (Need n : needs) {
            Cond c = n.storeWide() ? n.present() : Cond.and(List.of(scope.cond(), n.present()));
            if (none(session, c)) {
                return n.missing();
            }
        }
        return null;
    }

    /**
     * "machine X has no" when none of the machines the scope's events are on has an event of
     * {@code family}; null when one has (then the scope's own activity is what is missing).
     */
    private static String machinesWithout(Session session, Scope scope, String family) {
        List<Object> muids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Object[] r : session.run(Query.from(Session.EVENTS).where(scope.cond())
                .select(Expr.col("Muid"), "Muid").select(Expr.call(Expr.Fn.MIN, Expr.col("MachineName")), "Name")
                .groupBy(Expr.col("Muid"))).rows()) {
            muids.add(r[0]);
            names.add(String.valueOf(r[1]));
        }
        if (muids.isEmpty() || !none(session, Cond.and(List.of(Cond.in("Muid", muids), Cond.eq("Family", family))))) {
            return null;
        }
        return muids.size() == 1 ? "machine " + names.get(0) + " has no"
                : "none of the " + muids.size() + " machines of " + scope.what() + " has";
    }

    private static boolean none(Session session, Cond c) {
        return session.run(Query.from(Session.EVENTS).where(c).select(Expr.col("Muid"), "Muid").limit(1)).rows().isEmpty();
    }
}
