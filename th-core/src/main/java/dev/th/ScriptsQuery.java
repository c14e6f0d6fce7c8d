package dev.th;

import dev.th.ask.Scope;
import dev.th.ask.Session;
import dev.th.ask.Views;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * PowerShell on a machine ({@code Machine.scripts()}): each 4104 script block once, its parts
 * joined into the whole text (Parts of Total; MissingParts names those never logged), and the
 * rows of family script (4103 module logging; the classic log's 400 engine start, 403 stop, 600
 * provider, 800 pipeline, whose host application is the command line). Computed by the engine
 * (the store's {@code scripts} view). Options: {@code user}, {@code command} (the text contains;
 * case ignored), {@code file} (the script's path or the host's file), {@code operation}
 * (scriptblock, module, engine-start, engine-stop, provider, pipeline), {@code period},
 * {@code histogram}. Rows are {@link Activity}s.
 */
public final class ScriptsQuery extends Ask<Activity, ScriptsQuery> {
    static final String VIEW = "scripts";
    static final List<String> OPERATIONS = List.of("scriptblock", "module", "engine-start", "engine-stop", "provider", "pipeline");
    static final List<String> COLUMNS = List.of("DateTime", "Muid", "LoggedUser", "Operation", "ObjectName", "CommandLine",
            "ChildPath", "ParentFilename", "ParentCommandLine", "ParentPid", "Parts", "Total", "MissingParts", "ObjectState", "EventId");

    ScriptsQuery(Session session, Scope scope) {
        super(session, scope, COLUMNS, Activity::new, null);
    }

    /** The view's own columns (the row keys of events rows are not in it). */
    @Override
    Query rowsQuery(Query filtered) {
        return filtered.selectColumns(dev.th.ask.SeedColumns.concat(columns(), List.of("ClientId", "MachineName")))
                .orderBy(Expr.col("DateTime"), false);
    }

    @Override
    String table() {
        return VIEW;
    }

    /** Scripts of these users ({@code DOMAIN\\name} or {@code name}). */
    public ScriptsQuery user(String... users) {
        userFilter(list(users, "user"));
        return this;
    }

    /** Scripts whose text (or command line) contains any of these texts (literal, case ignored). */
    public ScriptsQuery command(String... commands) {
        commandFilter(list(commands, "command"));
        return this;
    }

    /** Scripts from these files: the script's own path, or the host (powershell.exe, an ISE). */
    public ScriptsQuery file(String... files) {
        List<Cond> any = new ArrayList<>();
        for (String f : list(files, "file")) {
            File file = File.spec(session, f);
            any.add(file.matches("Child"));
            any.add(file.matches("Parent"));
        }
        filters.add(Cond.or(any));
        return this;
    }

    /** Rows of these operations (scriptblock, module, engine-start, engine-stop, provider, pipeline). */
    public ScriptsQuery operation(String... ops) {
        List<String> labels = new ArrayList<>();
        for (String o : list(ops, "operation")) {
            String l = lower(o.trim());
            if (!OPERATIONS.contains(l)) {
                throw new IllegalArgumentException("operation '" + o + "' is not one of " + String.join(", ", OPERATIONS));
            }
            labels.add(l);
        }
        filters.add(Cond.in("Operation", labels));
        return this;
    }

    @Override
    public Hits<Activity> fetch() {
        Views.require(session, VIEW);
        return super.fetch();
    }

    @Override
    boolean streams() {
        Views.require(session, VIEW);
        return super.streams();
    }

    @Override
    String noData() {
        Cond powershell = Cond.or(List.of(Cond.eq("Family", "script"),
                Cond.and(List.of(Cond.eq("Family", "file"), Cond.eq("Operation", "script"), Cond.eq("EventId", 4104)))));
        return Views.noneOf(session, scope, powershell,
                "no PowerShell event (4104, 4103, Windows PowerShell 400/403/600/800) is stored for this scope");
    }
}
