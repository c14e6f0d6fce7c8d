package dev.th;

import dev.th.ask.Lineage;
import dev.th.ask.Scope;
import dev.th.ask.SeedColumns;
import dev.th.ask.Session;
import dev.th.query.Cond;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dflib.DataFrame;

/**
 * A process: a row of {@code get_executions}, {@code get_processes} or
 * {@code get_execution_tree} (the Child of the action is the process), and the seed's Process
 * object with its pivots: {@link #parent()} ({@code get_parent}), {@link #children()}
 * ({@code get_childs}), {@link #executionTree()} ({@code get_execution_tree}),
 * {@link #commandlines} ({@code get_commandlines}), {@link #executions()}, {@link #files()},
 * {@link #registry()}, {@link #communications()} (the process as the actor),
 * {@link #bandwidth}, {@link #file()}, {@link #machine()}, {@link #user()}, {@link #time()}
 * ({@code get_time}), {@link #md5()}, {@link #name()}, {@link #pid()}, and
 * {@link #fromTableDf} ({@code from_table_df}).
 *
 * <p>Processes are joined by process GUID; when a source has none (Security 4688), by pid on
 * the same machine within the process's lifetime (from its creation to its end or to the next
 * creation of the same pid), so that a reused pid never joins unrelated processes.
 */
public final class Process extends Row {
    /** The period this process's questions default to: the period of the question that found it. */
    TimePeriod period;

    Process(Session session, List<String> columns, Object[] values) {
        super(session, columns, values);
    }

    /**
     * The seed's {@code from_table_df}: processes from a DataFrame with the columns of
     * {@code table} ({@code executions}, {@code processes} or {@code execution_tree}); rows keep
     * every column of {@code df}, and get {@code client} as ClientId and {@code period} as period.
     */
    public static Hits<Process> fromTableDf(TH th, DataFrame df, String table, String client, TimePeriod period) {
        List<String> visible = switch (table == null ? "" : table.toLowerCase(Locale.ROOT)) {
            case "executions", "get_executions" -> SeedColumns.MACHINE_EXECUTIONS;
            case "processes", "get_processes" -> SeedColumns.PROCESSES;
            case "execution_tree", "get_execution_tree", "tree" -> SeedColumns.EXECUTION_TREE;
            default -> throw new IllegalArgumentException("unknown table '" + table
                    + "' for fromTableDf; allowed: executions, processes, execution_tree");
        };
        List<String> dfColumns = List.of(df.getColumnsIndex().toArray());
        for (String need : List.of("Muid", "ChildPid")) {
            if (!dfColumns.contains(need)) {
                throw new IllegalArgumentException("fromTableDf: the DataFrame has no column " + need + "; it has " + dfColumns);
            }
        }
        List<String> columns = new ArrayList<>(dfColumns);
        if (!columns.contains("ClientId")) {
            columns.add("ClientId");
        }
        List<Process> rows = new ArrayList<>();
        for (int r = 0; r < df.height(); r++) {
            Object[] v = new Object[columns.size()];
            for (int c = 0; c < dfColumns.size(); c++) {
                v[c] = df.get(c, r);
            }
            int ci = columns.indexOf("ClientId");
            if (v[ci] == null) {
                v[ci] = client;
            }
            Process p = new Process(th.session(), List.copyOf(columns), v);
            p.period = period;
            rows.add(p);
        }
        List<String> shown = new ArrayList<>();
        for (String c : visible) {
            if (dfColumns.contains(c)) {
                shown.add(c);
            }
        }
        return new Hits<>(shown, rows, null);
    }

    // ---- the seed's properties ----

    /** The seed's {@code get_time}: when the process was created (the row's time). */
    public Instant time() {
        return instant("DateTime");
    }

    /** The row's time (same as {@link #time()}). */
    public Instant dateTime() {
        return instant("DateTime");
    }

    /** The seed's {@code md5}: the process binary's MD5, or null. */
    public String md5() {
        return text("ChildMd5");
    }

    /** The seed's {@code name}: the process binary's file name. */
    public String name() {
        return text("ChildFilename");
    }

    /** The seed's {@code pid}. */
    public Long pid() {
        return number("ChildPid");
    }

    /** The process GUID (normalized), or null when the source has none. */
    public String guid() {
        return text("ChildGuid");
    }

    public String path() {
        return text("ChildPath");
    }

    public String commandLine() {
        return text("CommandLine");
    }

    public String muid() {
        return text("Muid");
    }

    public String clientId() {
        return text("ClientId");
    }

    public String loggedUser() {
        return text("LoggedUser");
    }

    /** The action's operation (create, kill, thread, load, access). */
    public String operation() {
        return text("Operation");
    }

    public String parentFilename() {
        return text("ParentFilename");
    }

    public Long parentPid() {
        return number("ParentPid");
    }

    public String parentGuid() {
        return text("ParentGuid");
    }

    /**
     * The other record of the same process creation ({@code path#RecordId}: the Security 4688 of
     * a creation Sysmon 1 logged, on the Sysmon row, which stands for both), or null.
     */
    public String alsoLogged() {
        return text("AlsoLogged");
    }

    /** The logon session the process ran in (Sysmon's LogonId, or the Security log's), or null. */
    public String logonId() {
        return text("LogonId");
    }

    /** The Security log's token elevation (full, elevated, limited), or null when only Sysmon saw the process. */
    public String tokenElevation() {
        return text("TokenElevation");
    }

    /** The period this process's questions default to. */
    public TimePeriod period() {
        return period != null ? period : session.defaultPeriod();
    }

    // ---- pivots ----

    /** The seed's {@code get_parent}: the creating process (0 or 1 row). */
    public Hits<Process> parent() {
        Process p = Lineage.parent(this);
        return new Hits<>(SeedColumns.EXECUTION_TREE, p == null ? List.of() : List.of(p), null);
    }

    /** The seed's {@code get_childs}: the processes this process created. */
    public Hits<Process> children() {
        return new Hits<>(SeedColumns.EXECUTION_TREE, Lineage.children(this), null);
    }

    /**
     * Who started this process when the logs tell: {@code service}, {@code task}, {@code wmi},
     * {@code psexec}, {@code winrm}; null when they do not (or the row was read without it).
     */
    public String startedBy() {
        return text("StartedBy");
    }

    /** What it was started for: the service, task or WMI consumer name ({@code PSEXESVC} for PsExec), or null. */
    public String startedFor() {
        return text("StartedFor");
    }

    /** The seed's {@code get_execution_tree} in this process's period. */
    public Hits<Process> executionTree() {
        return executionTree(period());
    }

    /** The seed's {@code get_execution_tree}: ancestors, this process and its descendants, in time order. */
    public Hits<Process> executionTree(TimePeriod period) {
        return Lineage.tree(this, period);
    }

    /** The seed's {@code get_commandlines} in this process's period, all of them. */
    public DataFrame commandlines() {
        return commandlines(period(), null);
    }

    /**
     * The seed's {@code get_commandlines}: the command lines this binary was started with on this
     * machine (CommandLine, Times), most used first, the {@code ntop} first when given.
     */
    public DataFrame commandlines(TimePeriod period, Integer ntop) {
        return Lineage.commandlines(this, period, ntop);
    }

    /** The seed's {@code get_executions}: this process's actions over processes. */
    public ExecutionsQuery executions() {
        return new ExecutionsQuery(session, actorScope(), SeedColumns.ACTIONS);
    }

    /** The seed's {@code get_files}: this process's actions over files. */
    public FilesQuery files() {
        return new FilesQuery(session, actorScope());
    }

    /** The seed's {@code get_registry}: this process's actions over registry keys. */
    public RegistryQuery registry() {
        return new RegistryQuery(session, actorScope(), SeedColumns.PROCESS_REGISTRY);
    }

    /** The seed's {@code get_communications}: this process's connections. */
    public CommunicationsQuery communications() {
        return new CommunicationsQuery(session, actorScope(), SeedColumns.PROCESS_COMMUNICATIONS);
    }

    /**
     * The seed's {@code get_bandwidth} (Date, Outgoing, Incoming in MB) from the network flows
     * assigned to this process (by its GUID, else its pid). {@link #bandwidthAnswer} gives the same
     * with what it rests on.
     */
    public DataFrame bandwidth(TimePeriod period) {
        return bandwidthAnswer(period).frame();
    }

    /** {@link #bandwidth(TimePeriod)} with its note: the machine's share of flow bytes assigned to processes, the clock offset. */
    public Bandwidth bandwidthAnswer(TimePeriod period) {
        Cond own = guid() != null ? Cond.eq("ProcessGuid", guid()) : Cond.eq("ProcessPid", pid());
        String machine = has("MachineName") && text("MachineName") != null ? text("MachineName") : "machine " + muid();
        return Bandwidth.of(session, muid(), machine, own, period);
    }

    /** {@link #bandwidth(TimePeriod)} in this process's period. */
    public DataFrame bandwidth() {
        return bandwidth(period());
    }

    /** The seed's {@code get_file}: the process's binary. */
    public File file() {
        return new File(session, List.of("ChildMd5", "ChildPath", "ChildFilename", "Muid"),
                new Object[] {md5(), path(), name(), muid()});
    }

    /** The seed's {@code get_machine}: the machine the process ran on. */
    public Machine machine() {
        return Machine.byMuid(session, muid(), period());
    }

    /** The seed's {@code get_machine(period)}: the machine, its questions defaulting to {@code period}. */
    public Machine machine(TimePeriod period) {
        return Machine.byMuid(session, muid(), period);
    }

    /** The seed's {@code get_user}: the user that ran the process. */
    public User user() {
        if (loggedUser() == null) {
            throw new IllegalStateException("process " + name() + " (pid " + pid() + ") has no logged user");
        }
        return new User(session, List.of("LoggedUser"), new Object[] {loggedUser()});
    }

    /** Events where this process is the actor (Parent). */
    /** The PowerShell this process hosted: its script blocks (by pid within its lifetime), 4103 and classic rows. */
    public ScriptsQuery scripts() {
        return new ScriptsQuery(session, actorScope());
    }

    Scope actorScope() {
        return new Scope(Lineage.actorCondition(this), this::period, "process " + name() + " (pid " + pid() + ")");
    }
}
