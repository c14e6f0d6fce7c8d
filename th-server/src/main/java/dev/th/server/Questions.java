package dev.th.server;

import dev.th.Ask;
import dev.th.BlockedQuery;
import dev.th.CommunicationsQuery;
import dev.th.DetectionsQuery;
import dev.th.ExecutionsQuery;
import dev.th.FamilyQuery;
import dev.th.File;
import dev.th.FilesQuery;
import dev.th.Histogram;
import dev.th.IoasQuery;
import dev.th.Machine;
import dev.th.Process;
import dev.th.ProcessesQuery;
import dev.th.RegistryQuery;
import dev.th.SessionsQuery;
import dev.th.TimePeriod;
import dev.th.UsersQuery;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The seed's methods of Machine and Process as routes: {@code GET /api/machines/{machine}/METHOD}
 * and {@code GET /api/processes/{guid}/METHOD}, each with the seed's parameters of that method
 * as query parameters (lists comma-separated), {@code period} for those that read one and
 * {@code histogram} ({@code hour}, {@code day}, {@code day:COLUMN:TOP}) for those that count.
 * An answer is what the object model answers ({@link Answers} turns it into JSON).
 */
final class Questions {
    private static final List<String> EXECUTIONS = List.of("file", "user", "kind", "parent_kind", "operation", "command", "attributes");
    private static final List<String> FILES = List.of("file", "user", "kind", "parent_kind", "operation", "attributes");
    private static final List<String> REGISTRY = List.of("file", "user", "kind", "parent_kind", "operation");
    private static final List<String> COMMUNICATIONS = List.of("file", "protocol", "port", "iptype", "direction", "ips", "top",
            "bytes", "rank");
    private static final List<String> DETECTIONS = List.of("user", "file");
    private static final List<String> PROCESSES = List.of("file", "user", "kind", "parent_kind");
    private static final List<String> FAMILY = List.of("file", "user", "operation", "named", "new");

    /**
     * One method: its name in the path, a summary, its own query parameters, whether it reads a
     * period and takes a histogram, and the call.
     */
    record Question<T>(String name, String summary, List<String> params, boolean timed, boolean counts,
            BiFunction<T, Params, Object> call) {
        List<String> allParams() {
            List<String> all = new ArrayList<>(params);
            if (timed) {
                all.add("period");
            }
            if (counts) {
                all.add("histogram");
                all.add("format");
            }
            all.add("offset");
            all.add("limit");
            return all;
        }
    }

    /** The query parameters of one request, as the object model takes them. */
    record Params(Context ctx, TimePeriod period) {
        String text(String name) {
            String v = ctx.queryParam(name);
            return v == null || v.isBlank() ? null : v.trim();
        }

        String[] list(String name) {
            String v = text(name);
            return v == null ? null : v.split("\\s*,\\s*");
        }

        int offset() {
            return Answers.intParam(ctx, "offset", 0, Integer.MAX_VALUE);
        }

        int limit() {
            return Answers.intParam(ctx, "limit", Answers.DEFAULT_LIMIT, Answers.MAX_LIMIT);
        }

        /** {@code a} asked for the page of {@code offset} and {@code limit} only (the engine reads no more). */
        <A extends Ask<?, ?>> A paged(A a) {
            a.page(offset(), limit());
            return a;
        }

        boolean flag(String name) {
            String v = text(name);
            if (v == null || v.equals("false")) {
                return false;
            }
            if (v.equals("true")) {
                return true;
            }
            throw Problem.badRequest(name + " must be true or false, not '" + v + "'");
        }
    }

    private Questions() {
    }

    static final List<Question<Machine>> MACHINE = List.of(
            ask("executions", "get_executions: actions over processes", EXECUTIONS, (m, p) -> executions(m.executions(), p)),
            ask("files", "get_files: actions over files", FILES, (m, p) -> files(m.files(), p)),
            ask("registry", "get_registry: actions over registry keys", REGISTRY, (m, p) -> registry(m.registry(), p)),
            ask("communications", "get_communications: network connections", COMMUNICATIONS,
                    (m, p) -> communications(m.communications(), p)),
            ask("detections", "get_detections: what an antimalware engine detected", DETECTIONS,
                    (m, p) -> detections(m.detections(), p)),
            ask("blocked", "get_blocked: what was blocked", DETECTIONS, (m, p) -> blocked(m.blocked(), p)),
            ask("processes", "get_processes: processes started", PROCESSES, (m, p) -> processes(m.processes(), p)),
            ask("users", "get_users: users seen acting", List.of("user"), (m, p) -> users(m.users(), p)),
            timed("ioas", "get_ioas: indicators of attack raised by the hunting rules", List.of("rules"),
                    (m, p) -> ioas(m.ioas(), p).fetch()),
            timed("timetable", "get_timetable: actions per user, weekday and hour", List.of(), (m, p) -> m.timetable(p.period())),
            timed("bandwidth", "get_bandwidth: MB sent and received per day", List.of("file"),
                    (m, p) -> m.bandwidth(p.period(), p.list("file") == null ? new File[0] : File.of(p.list("file")).toArray(new File[0]))),
            timed("info", "get_info: the machine's profiles (workstation, server, domaincontroller)", List.of(),
                    (m, p) -> Map.of("Profile", m.info(p.period()))),
            plain("os_info", "get_os_info: the OS name, version and build", m -> m.osInfo()),
            plain("coverage", "what its logs cover per channel: time span, record id gaps, tampering events", Machine::coverage),
            plain("name", "get_name: the machine's Muid and name", Machine::names),
            ask("sessions", "logon sessions (by boot and LogonId): user, type, source, elevation, end, reconnects",
                    List.of("user", "type", "remote"), (m, p) -> sessions(m.sessions(), p)),
            ask("logons", "logon events: logon, failed, logoff, explicit, privileged, Kerberos/NTLM, RDP, boot", FAMILY,
                    (m, p) -> family(m.logons(), p)),
            ask("services", "services installed, changed, started, stopped; drivers loaded", FAMILY,
                    (m, p) -> family(m.services(), p)),
            ask("tasks", "scheduled tasks created, changed, deleted, run", FAMILY, (m, p) -> family(m.tasks(), p)));

    static final List<Question<Process>> PROCESS = List.of(
            plain("parent", "get_parent: the process that created this one", Process::parent),
            plain("childs", "get_childs: the processes this one created", Process::children),
            timed("execution_tree", "get_execution_tree: ancestors, this process and its descendants", List.of(),
                    (p, q) -> p.executionTree(q.period())),
            timed("commandlines", "get_commandlines: this binary's command lines on the machine, most used first", List.of("top"),
                    (p, q) -> p.commandlines(q.period(), q.text("top") == null ? null : Answers.number("top", q.text("top")))),
            ask("executions", "get_executions: this process's actions over processes", EXECUTIONS,
                    (p, q) -> executions(p.executions(), q)),
            ask("files", "get_files: this process's actions over files", FILES, (p, q) -> files(p.files(), q)),
            ask("registry", "get_registry: this process's actions over registry keys", REGISTRY, (p, q) -> registry(p.registry(), q)),
            ask("communications", "get_communications: this process's connections", COMMUNICATIONS,
                    (p, q) -> communications(p.communications(), q)),
            timed("bandwidth", "get_bandwidth: MB sent and received per day", List.of(), (p, q) -> p.bandwidth(q.period())),
            plain("machine", "get_machine: the machine it ran on", p -> Answers.machine(p.machine())),
            plain("file", "get_file: the process's binary", p -> fileOf(p)));

    private static Map<String, Object> fileOf(Process p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ChildMd5", p.md5());
        m.put("ChildPath", p.path());
        m.put("ChildFilename", p.name());
        return m;
    }

    private static <T> Question<T> ask(String name, String summary, List<String> params, BiFunction<T, Params, Ask<?, ?>> call) {
        return new Question<>(name, summary, params, true, true, (t, p) -> {
            Ask<?, ?> a = call.apply(t, p);
            a.period(p.period());
            String h = p.text("histogram");
            String f = p.text("format");
            if (f != null) {
                if (h != null || p.text("offset") != null || p.text("limit") != null) {
                    throw Problem.badRequest("format=" + f + " streams the whole answer: it takes no histogram, offset or limit");
                }
                return Answers.Streamed.of(a, f);
            }
            return h == null ? p.paged(a).fetch() : a.histogram(Histogram.parse(h)).fetch();
        });
    }

    private static <T> Question<T> timed(String name, String summary, List<String> params, BiFunction<T, Params, Object> call) {
        return new Question<>(name, summary, params, true, false, call);
    }

    private static <T> Question<T> plain(String name, String summary, java.util.function.Function<T, Object> call) {
        return new Question<>(name, summary, List.of(), false, false, (t, p) -> call.apply(t));
    }

    static ExecutionsQuery executions(ExecutionsQuery q, Params p) {
        if (p.list("file") != null) q.file(p.list("file"));
        if (p.list("user") != null) q.user(p.list("user"));
        if (p.list("kind") != null) q.kind(p.list("kind"));
        if (p.list("parent_kind") != null) q.parentKind(p.list("parent_kind"));
        if (p.list("operation") != null) q.operation(p.list("operation"));
        if (p.list("command") != null) q.command(p.list("command"));
        if (p.list("attributes") != null) q.attributes(p.list("attributes"));
        return q;
    }

    static FilesQuery files(FilesQuery q, Params p) {
        if (p.list("file") != null) q.file(p.list("file"));
        if (p.list("user") != null) q.user(p.list("user"));
        if (p.list("kind") != null) q.kind(p.list("kind"));
        if (p.list("parent_kind") != null) q.parentKind(p.list("parent_kind"));
        if (p.list("operation") != null) q.operation(p.list("operation"));
        if (p.list("attributes") != null) q.attributes(p.list("attributes"));
        return q;
    }

    static RegistryQuery registry(RegistryQuery q, Params p) {
        if (p.list("file") != null) q.file(p.list("file"));
        if (p.list("user") != null) q.user(p.list("user"));
        if (p.list("kind") != null) q.kind(p.list("kind"));
        if (p.list("parent_kind") != null) q.parentKind(p.list("parent_kind"));
        if (p.list("operation") != null) q.operation(p.list("operation"));
        return q;
    }

    static CommunicationsQuery communications(CommunicationsQuery q, Params p) {
        if (p.list("file") != null) q.file(p.list("file"));
        if (p.list("protocol") != null) q.protocol(p.list("protocol"));
        if (p.list("port") != null) q.port(p.list("port"));
        if (p.text("iptype") != null) q.ipType(p.text("iptype"));
        if (p.text("direction") != null) q.direction(p.text("direction"));
        if (p.list("ips") != null) q.ips(p.list("ips"));
        if (p.text("top") != null) q.top(Answers.number("top", p.text("top")));
        if (p.flag("bytes")) q.bytes();
        if (p.text("rank") != null) {
            switch (p.text("rank").toLowerCase(Locale.ROOT)) {
                case "bytes" -> q.rankByBytes();
                case "times" -> { }
                default -> throw Problem.badRequest("rank must be times or bytes, not '" + p.text("rank") + "'");
            }
        }
        return q;
    }

    static DetectionsQuery detections(DetectionsQuery q, Params p) {
        if (p.list("user") != null) q.users(p.list("user"));
        if (p.list("file") != null) q.file(p.list("file"));
        return q;
    }

    static BlockedQuery blocked(BlockedQuery q, Params p) {
        if (p.list("user") != null) q.users(p.list("user"));
        if (p.list("file") != null) q.file(p.list("file"));
        return q;
    }

    static ProcessesQuery processes(ProcessesQuery q, Params p) {
        if (p.list("file") != null) q.file(p.list("file"));
        if (p.list("user") != null) q.user(p.list("user"));
        if (p.list("kind") != null) q.kind(p.list("kind"));
        if (p.list("parent_kind") != null) q.parentKind(p.list("parent_kind"));
        return q;
    }

    static SessionsQuery sessions(SessionsQuery q, Params p) {
        if (p.list("user") != null) q.user(p.list("user"));
        if (p.list("type") != null) q.type(p.list("type"));
        if (p.flag("remote")) q.remote();
        return q;
    }

    static FamilyQuery family(FamilyQuery q, Params p) {
        if (p.list("file") != null) q.file(p.list("file"));
        if (p.list("user") != null) q.user(p.list("user"));
        if (p.list("operation") != null) q.operation(p.list("operation"));
        if (p.list("named") != null) q.name(p.list("named"));
        if (p.flag("new")) q.newOnly();
        return q;
    }

    static UsersQuery users(UsersQuery q, Params p) {
        if (p.list("user") != null) q.users(p.list("user"));
        return q;
    }

    static IoasQuery ioas(IoasQuery q, Params p) {
        if (p.list("rules") != null) q.rules(p.list("rules"));
        return q.period(p.period());
    }
}
