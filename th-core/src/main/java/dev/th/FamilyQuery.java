package dev.th;

import dev.th.ask.Conditions;
import dev.th.ask.Scope;
import dev.th.ask.Session;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Events of one of the families beyond the seed: services (and drivers), scheduled tasks, WMI,
 * named pipes, logons (with Remote Desktop, Kerberos and NTLM, boots). Options: {@code file} (a service's image, a task's action; the acting process of
 * WMI and pipe events), {@code user}, {@code operation}, {@code name} (of the service, task, WMI
 * object or pipe; contains, case ignored), {@code newOnly} (names first seen in the period),
 * {@code period}, {@code histogram}. Rows are {@link Activity}s.
 */
public final class FamilyQuery extends FileAsk<Activity, FamilyQuery> {
    private static final Map<String, List<String>> OPERATIONS = Map.of(
            "service", List.of("installed", "state", "starttype", "driver"),
            "task", List.of("created", "deleted", "enabled", "disabled", "updated", "launched", "started", "completed"),
            "wmi", List.of("filter", "consumer", "binding", "provider", "failed", "subscription", "temporary", "permanent"),
            "pipe", List.of("created", "connected"),
            "logon", List.of("logon", "failed", "logoff", "explicit", "privileged", "validate", "tgt", "service-ticket",
                    "preauth-failed", "reconnect", "disconnect", "rdp-auth", "rdp-logon", "rdp-shell", "rdp-logoff",
                    "rdp-disconnect", "rdp-reconnect", "boot", "shutdown"));
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "service", List.of("DateTime", "Muid", "LoggedUser", "ObjectName", "Operation", "ChildPath", "ObjectType",
                    "StartType", "Account", "ObjectState", "EventId"),
            "task", List.of("DateTime", "Muid", "LoggedUser", "ObjectName", "Operation", "ChildPath", "CommandLine",
                    "Triggers", "Account", "ChildPid", "ObjectState", "EventId"),
            "wmi", List.of("DateTime", "Muid", "LoggedUser", "ObjectName", "Operation", "ObjectType", "CommandLine",
                    "Triggers", "ChildPath", "ParentFilename", "ParentPid", "ObjectState", "EventId"),
            "pipe", List.of("DateTime", "Muid", "LoggedUser", "ObjectName", "Operation", "ParentFilename", "ParentPath",
                    "ParentPid", "ParentGuid", "EventId"),
            "logon", List.of("DateTime", "Muid", "LoggedUser", "Operation", "LogonId", "LogonType", "RemoteIp", "RemotePort",
                    "Workstation", "AuthPackage", "LogonProcess", "ElevatedToken", "LinkedLogonId", "SubjectUser", "ObjectName",
                    "ObjectState", "ParentFilename", "EventId"));

    private boolean newOnly;

    FamilyQuery(Session session, Scope scope, String family) {
        super(session, scope, family.equals("service") || family.equals("task") ? Side.CHILD : Side.PARENT,
                COLUMNS.get(family), Activity::new, family);
    }

    /** Events of these users ({@code DOMAIN\\name} or {@code name}). */
    public FamilyQuery user(String... users) {
        userFilter(list(users, "user"));
        return this;
    }

    /** Events of these operations; the allowed ones depend on the family (see docs/normalize.md). */
    public FamilyQuery operation(String... ops) {
        List<String> allowed = OPERATIONS.get(family());
        List<String> labels = new ArrayList<>();
        for (String o : list(ops, "operation")) {
            String l = lower(o.trim());
            if (!allowed.contains(l)) {
                throw new IllegalArgumentException("operation '" + o + "' is not one of " + String.join(", ", allowed));
            }
            labels.add(l);
        }
        filters.add(Cond.in("Operation", labels));
        return this;
    }

    /** Events whose service, task, WMI object or pipe name contains any of these texts (case ignored). */
    public FamilyQuery name(String... names) {
        List<Cond> any = new ArrayList<>();
        for (String n : list(names, "name")) {
            any.add(Cond.contains("ObjectName", n));
        }
        filters.add(Cond.or(any));
        return this;
    }

    /**
     * Only the names first seen in the period: no event of the same family and machine scope
     * before the period's start names them. With period {@code all} every name is new.
     */
    public FamilyQuery newOnly() {
        this.newOnly = true;
        return this;
    }

    @Override
    Cond baseCondition(boolean withPeriod) {
        Cond base = super.baseCondition(withPeriod);
        if (!newOnly) {
            return base;
        }
        TimePeriod.Range r = effectivePeriod().resolve(session.clock);
        if (r.from() == null) {
            return base;
        }
        Cond before = Cond.and(List.of(scope.cond(), Cond.eq("Family", family()),
                Cond.cmp("DateTime", Cond.Op.LT, r.from()), Cond.not(Cond.isNull("ObjectName"))));
        Table t = session.run(Query.from(table()).where(before).select(Expr.col("ObjectName"), "ObjectName").distinct());
        Set<String> seen = new LinkedHashSet<>();
        for (Object[] row : t.rows()) {
            seen.add((String) row[0]);
        }
        List<Cond> all = new ArrayList<>(List.of(base, Cond.not(Cond.isNull("ObjectName"))));
        if (!seen.isEmpty()) {
            all.add(Cond.not(Cond.in("ObjectName", new ArrayList<>(seen))));
        }
        return Cond.and(all);
    }

    /** The operations a family's events have (for help texts and errors). */
    static List<String> operations(String family) {
        return OPERATIONS.get(family);
    }
}
