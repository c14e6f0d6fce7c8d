package dev.th.cli;

import static dev.th.cli.Opt.ATTRIBUTES;
import static dev.th.cli.Opt.BY;
import static dev.th.cli.Opt.BYTES;
import static dev.th.cli.Opt.COMMAND;
import static dev.th.cli.Opt.DIRECTION;
import static dev.th.cli.Opt.FILE;
import static dev.th.cli.Opt.HISTOGRAM;
import static dev.th.cli.Opt.IPS;
import static dev.th.cli.Opt.IPTYPE;
import static dev.th.cli.Opt.KIND;
import static dev.th.cli.Opt.PARENT_KIND;
import static dev.th.cli.Opt.OPERATION;
import static dev.th.cli.Opt.PORT;
import static dev.th.cli.Opt.PROTOCOL;
import static dev.th.cli.Opt.RANK;
import static dev.th.cli.Opt.TOP;
import static dev.th.cli.Opt.USER;

import dev.th.File;
import dev.th.Machine;
import java.time.Instant;
import java.util.EnumSet;
import org.dflib.DataFrame;

/**
 * The seed's Machine methods as {@code th machine NAME METHOD}: name, options (as the seed lists
 * them for the method) and the API call, one line each. The option sets are shared with the
 * other objects' tables where the seed gives the same method.
 */
final class MachineMethods {
    static final EnumSet<Opt> EXECUTIONS = EnumSet.of(FILE, USER, KIND, PARENT_KIND, OPERATION, COMMAND, ATTRIBUTES, Opt.EXCLUDE_ALLOWED, Opt.FRESH, HISTOGRAM);
    static final EnumSet<Opt> FILES = EnumSet.of(FILE, USER, KIND, PARENT_KIND, OPERATION, ATTRIBUTES, Opt.EXCLUDE_ALLOWED, Opt.FRESH, HISTOGRAM);
    static final EnumSet<Opt> REGISTRY = EnumSet.of(FILE, USER, KIND, PARENT_KIND, OPERATION, HISTOGRAM);
    static final EnumSet<Opt> COMMUNICATIONS = EnumSet.of(FILE, PROTOCOL, PORT, IPTYPE, DIRECTION, IPS, TOP, BYTES, RANK,
            HISTOGRAM);
    static final EnumSet<Opt> DETECTIONS = EnumSet.of(USER, FILE, HISTOGRAM);
    static final EnumSet<Opt> PROCESSES = EnumSet.of(FILE, USER, KIND, PARENT_KIND, HISTOGRAM);
    static final EnumSet<Opt> USERS = EnumSet.of(USER, HISTOGRAM);
    static final EnumSet<Opt> FAMILY = EnumSet.of(FILE, USER, OPERATION, Opt.NAMED, Opt.NEW, HISTOGRAM);
    static final EnumSet<Opt> SESSIONS = EnumSet.of(USER, Opt.REMOTE, Opt.LOGON_TYPE, HISTOGRAM);

    private MachineMethods() {
    }

    static final Methods<Machine> TABLE = new Methods<>("machine",
            Questions.ask("executions", "actions over processes (create, kill, thread, load)",
                    EXECUTIONS, Machine::executions, Filters::executions),
            Questions.ask("files", "actions over files", FILES, Machine::files, Filters::files),
            Questions.ask("registry", "actions over registry keys", REGISTRY, Machine::registry, Filters::registry),
            Questions.ask("communications", "network connections",
                    COMMUNICATIONS, Machine::communications, Filters::communications),
            Questions.ask("detections", "what an antimalware engine detected",
                    DETECTIONS, Machine::detections, Filters::detections),
            Questions.ask("blocked", "what was blocked", DETECTIONS, Machine::blocked, Filters::blocked),
            Method.<Machine>of("events", "every event of 1 or 2 days, or counts --by type|classif", EnumSet.of(BY),
                    (m, o, c) -> {
                        var q = m.events().period(c.period(o));
                        if (o.by != null) {
                            AskOptions.apply(BY, () -> q.by(o.by));
                        }
                        return Answers.frame(q.frame());
                    }),
            Questions.<Machine>ioas("indicators of attack raised by the hunting rules", Machine::ioas),
            Questions.ask("processes", "processes started", PROCESSES, Machine::processes, Filters::processes),
            Questions.ask("users", "users seen acting", USERS, Machine::users, Filters::users),
            Method.<Machine>of("timetable", "actions per user, weekday and hour", Method.none(),
                    (m, o, c) -> Answers.frame(m.timetable(c.period(o)))),
            Method.<Machine>of("bandwidth", "MB sent and received per day", EnumSet.of(FILE),
                    (m, o, c) -> Answers.bandwidth(m.bandwidthAnswer(c.period(o),
                            o.file == null ? new File[0] : AskOptions.apply(FILE, () -> File.of(AskOptions.array(o.file)).toArray(new File[0]))))),
            Method.<Machine>of("info", "the machine's profiles (workstation, server, domaincontroller)", Method.none(),
                    (m, o, c) -> Answers.column("Profile", m.info(c.period(o)))),
            Method.<Machine>of("os_info", "the OS name, version and build", Method.none(),
                    (m, o, c) -> {
                        Machine.OsInfo os = m.osInfo();
                        return Answers.frame(DataFrame.foldByRow("Name", "Version", "Build", "Evidence")
                                .of(os.name(), os.version(), os.build(), os.evidence()));
                    }).timeless(),
            Method.<Machine>of("name", "the machine's Muid and name", Method.none(), (m, o, c) -> Answers.frame(m.names())).timeless(),
            Method.<Machine>of("client", "the machine's client", Method.none(), (m, o, c) -> Answer.value("ClientId", m.clientId())).timeless(),
            Method.<Machine>of("first_seen", "the first recorded activity", Method.none(),
                    (m, o, c) -> Answer.value("FirstSeen", m.firstSeen())).timeless(),
            Method.<Machine>of("last_seen", "the last recorded activity", Method.none(),
                    (m, o, c) -> Answer.value("LastSeen", m.lastSeen())).timeless(),
            Method.<Machine>of("muid", "the machine's Muid", Method.none(), (m, o, c) -> Answer.value("Muid", m.muid())).timeless(),
            Method.<Machine>of("coverage", "what its logs cover per channel: time span, record id gaps, tampering events",
                    Method.none(), (m, o, c) -> Answers.frame(m.coverage())).timeless(),
            // beyond the seed: the families of services, scheduled tasks, WMI and named pipes
            Questions.ask("services", "services installed, changed, started, stopped; drivers loaded",
                    FAMILY, Machine::services, Filters::family),
            Questions.ask("tasks", "scheduled tasks created, changed, deleted, run", FAMILY, Machine::tasks, Filters::family),
            Questions.ask("wmi", "WMI filters, consumers, bindings, providers", FAMILY, Machine::wmi, Filters::family),
            Questions.ask("pipes", "named pipes created and connected", FAMILY, Machine::pipes, Filters::family),
            Questions.ask("logons", "logon events: logon, failed, logoff, explicit, privileged, Kerberos/NTLM, RDP, boot",
                    FAMILY, Machine::logons, Filters::family),
            Questions.ask("sessions", "logon sessions (by boot and LogonId): user, type, source, elevation, end, reconnects;"
                    + " failures and explicit credentials: logons --operation failed,explicit",
                    SESSIONS, Machine::sessions, Filters::sessions),
            Method.<Machine>of("session_processes", "the processes of the session with --logon-id (by LogonId, then its process tree)",
                    EnumSet.of(Opt.LOGON_ID, FILE, COMMAND, HISTOGRAM), MachineMethods::sessionProcesses),
            Questions.ask("scripts", "PowerShell: 4104 script blocks reassembled, 4103 module logging, classic 400/403/600/800",
                    EnumSet.of(FILE, USER, OPERATION, COMMAND, HISTOGRAM), Machine::scripts, Filters::scripts));

    /** The processes of the sessions of {@code --logon-id} that began in the period (one answer over all of them). */
    private static Answer sessionProcesses(Machine m, AskOptions o, Method.Context c) {
        if (o.logonId == null) {
            throw new UsageError("session_processes needs --logon-id ID (see `th machine " + m.name() + " sessions`)");
        }
        String id = o.logonId.trim().toLowerCase(java.util.Locale.ROOT);
        var found = m.sessions().period(c.period(o)).fetch().list().stream()
                .filter(s -> id.equals(s.logonId()) || id.equals(s.linkedLogonId())).toList();
        if (found.isEmpty()) {
            throw new AskCommand.NotFound("no session of " + m.name() + " with LogonId " + o.logonId + " began in the period; "
                    + "see `th machine " + m.name() + " sessions --period all`");
        }
        return Answers.ask(Filters.executions(found.get(0).processes(), o), o, c);
    }

    /** The machine's activity span, for the note of an empty answer. */
    static String span(Machine m) {
        return "machine " + m.name() + " has events from " + m.firstSeen() + " to " + m.lastSeen();
    }

    /** "from FIRST to LAST": the span of several machines' activity, for the note of an empty answer. */
    static String fromTo(Iterable<Machine> machines) {
        Instant first = null;
        Instant last = null;
        for (Machine m : machines) {
            first = first == null || m.firstSeen().isBefore(first) ? m.firstSeen() : first;
            last = last == null || m.lastSeen().isAfter(last) ? m.lastSeen() : last;
        }
        return "from " + first + " to " + last;
    }
}
